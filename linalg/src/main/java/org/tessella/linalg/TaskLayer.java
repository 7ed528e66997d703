package org.tessella.linalg;

import java.util.function.Function;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Key;

/**
 * Layers of linalg block tasks: {@link GridLayer}s that are never fusible and never alias, because every
 * task here is a factorization or a product, which must not be folded into a serial chain.
 */
final class TaskLayer {
    private TaskLayer() {
    }

    static GridLayer of(String name, int[] numBlocks, Function<int[], Key[]> args, GridLayer.Body body) {
        return new GridLayer(name, numBlocks, args, body, false, false);
    }
}
