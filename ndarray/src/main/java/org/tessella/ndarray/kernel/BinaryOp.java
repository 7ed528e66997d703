package org.tessella.ndarray.kernel;

/** Elementwise binary operations, with the name of the ND4J (libnd4j) op that computes each. */
public enum BinaryOp {
    ADD("add", false),
    SUB("subtract", false),
    MUL("multiply", false),
    DIV("divide", false),
    POW("Pow", false),
    MAXIMUM("maximum", false),
    MINIMUM("minimum", false),
    LT("less", true),
    LE("less_equal", true),
    GT("greater", true),
    GE("greater_equal", true),
    EQ("equals", true),
    NE("not_equals", true);

    final String nd4jName;
    private final boolean comparison;

    BinaryOp(String nd4jName, boolean comparison) {
        this.nd4jName = nd4jName;
        this.comparison = comparison;
    }

    /** True for comparisons, whose result is bool. */
    public boolean isComparison() {
        return comparison;
    }
}
