package org.tessella.ndarray.kernel;

/** Elementwise unary operations. {@link #isFloating()} ones give a floating result for integer input. */
public enum UnaryOp {
    NEG(false),
    ABS(false),
    EXP(true),
    LOG(true),
    SQRT(true),
    SIN(true),
    COS(true),
    TANH(true);

    private final boolean floating;

    UnaryOp(boolean floating) {
        this.floating = floating;
    }

    public boolean isFloating() {
        return floating;
    }
}
