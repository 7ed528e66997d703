package org.tessella.ndarray;

import org.tessella.scheduler.TaskArgs;

/** The body of one block task: computes the block at {@code index} from the argument values. */
@FunctionalInterface
interface BlockKernel {
    Object apply(TaskArgs args, int[] index) throws Exception;
}
