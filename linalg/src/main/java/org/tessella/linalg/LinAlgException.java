package org.tessella.linalg;

import java.util.Objects;

/**
 * A matrix argument has the right shape and type but its values make the requested operation impossible: a singular
 * (or numerically singular) system, a matrix that is not positive definite, values that are not finite, an SVD that
 * does not converge. The counterpart of NumPy's {@code LinAlgError}.
 *
 * <p>It is an {@link IllegalArgumentException} because the cause is always the value of an argument; the message
 * follows the project's style {@code "<argument> <what is wrong>: <value>; expected <what>"}, and
 * {@link #argument()} names the argument. This class is immutable.
 */
public final class LinAlgException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String argument;

    /**
     * @param argument the name of the offending argument, as the caller's API spells it (e.g. {@code "a"})
     * @param message  the full message, starting with the argument name
     */
    public LinAlgException(String argument, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.argument = Objects.requireNonNull(argument, "argument");
    }

    /** The name of the argument whose values caused the failure. */
    public String argument() {
        return argument;
    }
}
