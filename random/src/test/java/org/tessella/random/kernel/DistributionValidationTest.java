package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad parameters throw IllegalArgumentException naming the parameter and its value, in the team's style. */
class DistributionValidationTest {

    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("uniform low NaN", () -> Distribution.uniform(NAN, 1), "low is not finite: NaN"),
                bad("uniform high NaN", () -> Distribution.uniform(0, NAN), "high is not finite: NaN"),
                bad("uniform high inf", () -> Distribution.uniform(0, INF), "high is not finite: Infinity"),
                bad("uniform low = high", () -> Distribution.uniform(1, 1), "high is not greater than low: high=1.0, low=1.0"),
                bad("uniform low > high", () -> Distribution.uniform(2, 1), "high is not greater than low: high=1.0, low=2.0"),
                bad("uniform width overflows", () -> Distribution.uniform(-Double.MAX_VALUE, Double.MAX_VALUE),
                        "high - low overflows"),
                bad("normal std 0", () -> Distribution.normal(0, 0), "std is not positive and finite: 0.0"),
                bad("normal std < 0", () -> Distribution.normal(0, -1), "std is not positive and finite: -1.0"),
                bad("normal std NaN", () -> Distribution.normal(0, NAN), "std is not positive and finite: NaN"),
                bad("normal std inf", () -> Distribution.normal(0, INF), "std is not positive and finite: Infinity"),
                bad("normal mean NaN", () -> Distribution.normal(NAN, 1), "mean is not finite: NaN"),
                bad("lognormal sigma 0", () -> Distribution.lognormal(0, 0), "sigma is not positive and finite: 0.0"),
                bad("lognormal mean inf", () -> Distribution.lognormal(-INF, 1), "mean is not finite: -Infinity"),
                bad("exponential scale -2", () -> Distribution.exponential(-2), "scale is not positive and finite: -2.0"),
                bad("exponential scale NaN", () -> Distribution.exponential(NAN), "scale is not positive and finite: NaN"),
                bad("gamma shape 0", () -> Distribution.gamma(0, 1), "shape is not positive and finite: 0.0"),
                bad("gamma scale NaN", () -> Distribution.gamma(1, NAN), "scale is not positive and finite: NaN"),
                bad("beta a -1", () -> Distribution.beta(-1, 1), "a is not positive and finite: -1.0"),
                bad("beta b NaN", () -> Distribution.beta(1, NAN), "b is not positive and finite: NaN"),
                bad("chisquare df 0", () -> Distribution.chisquare(0), "df is not positive and finite: 0.0"),
                bad("integers low = high", () -> Distribution.integers(3, 3), "high is not greater than low: high=3, low=3"),
                bad("choice n 0", () -> Distribution.choice(0), "n is not positive: 0"),
                bad("binomial n -1", () -> Distribution.binomial(-1, 0.5), "n is out of range: -1"),
                bad("binomial n huge", () -> Distribution.binomial(Long.MAX_VALUE, 0.5), "n is out of range: 9223372036854775807"),
                bad("binomial p -0.1", () -> Distribution.binomial(10, -0.1), "p is outside [0, 1]: -0.1"),
                bad("binomial p 1.5", () -> Distribution.binomial(10, 1.5), "p is outside [0, 1]: 1.5"),
                bad("binomial p NaN", () -> Distribution.binomial(10, NAN), "p is outside [0, 1]: NaN"),
                bad("poisson lambda -1", () -> Distribution.poisson(-1), "lambda is out of range: -1.0"),
                bad("poisson lambda NaN", () -> Distribution.poisson(NAN), "lambda is out of range: NaN"),
                bad("poisson lambda huge", () -> Distribution.poisson(1e300), "lambda is out of range: 1.0E300"),
                bad("sampler null", () -> Sampler.of(1, null), "distribution is null"),
                bad("int64 from a continuous distribution",
                        () -> Sampler.of(1, Distribution.uniform(0, 1)).fill(0, new long[1], 0, 1),
                        "dst is a long[] but uniform(low=0.0, high=1.0) has floating-point values"),
                bad("float64 from an integral distribution",
                        () -> Sampler.of(1, Distribution.poisson(3)).fill(0, new double[1], 0, 1),
                        "dst is a double[] but poisson(lambda=3.0) has integer values"),
                bad("negative start", () -> Sampler.of(1, Distribution.uniform(0, 1)).fill(-1, new double[1], 0, 1),
                        "start or len is out of range: start=-1"),
                bad("dst too small", () -> Sampler.of(1, Distribution.uniform(0, 1)).fill(0, new double[3], 1, 3),
                        "dst is too small: off=1, len=3, length=3"),
                bad("block dst too small", () -> Sampler.of(1, Distribution.uniform(0, 1))
                        .fillBlock(new long[] {4, 4}, new long[] {0, 0}, new long[] {2, 2}, new double[3]),
                        "dst is too small for the block: 3 elements"));
    }

    static Arguments bad(String label, Executable call, String messageStart) {
        return Arguments.of(label, call, messageStart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithTheParameterAndItsValue(String label, Executable call, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, label);
        assertTrue(e.getMessage().startsWith(messageStart), label + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("; expected "), label + ": " + e.getMessage());
    }

    @Test
    void distributionsAreValuesUsableAsTokens() {
        assertEquals(Distribution.normal(0, 1), Distribution.standardNormal());
        assertEquals(Distribution.normal(0, 1).hashCode(), Distribution.standardNormal().hashCode());
        assertNotEquals(Distribution.normal(0, 1), Distribution.normal(0, 2));
        assertNotEquals(Distribution.integers(0, 7), Distribution.choice(7));
        assertEquals("gamma(shape=2.0, scale=0.5)", Distribution.gamma(2, 0.5).toString());
        assertEquals("binomial(n=10, p=0.25)", Distribution.binomial(10, 0.25).toString());
        assertEquals("chisq", Distribution.chisquare(3).name());
        assertTrue(Distribution.poisson(1).isIntegral());
        assertTrue(!Distribution.beta(1, 2).isIntegral());
    }
}
