package org.tessella.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One run of a {@link Plan}: the coordinator. Design notes:
 *
 * <p><b>State.</b> Everything mutable (values held, unfinished-dependency counts, remaining
 * dependents, the ready heap, bytes held) belongs to the coordinating thread. Workers only run a
 * task's function and put a {@link Completion} on a queue; the queue is the only hand-off, and it
 * orders every write a worker made before the coordinator reads it.
 *
 * <p><b>Choosing work.</b> Ready tasks wait in a min-heap by static priority (the plan's index:
 * depth-first finishing order from the outputs). At most {@code workers} tasks are in flight, so
 * the next free worker always gets the most urgent ready task, and reductions consume blocks
 * soon after they are made.
 *
 * <p><b>Releasing.</b> A result is released when its last dependent finishes, unless it is an
 * output or literal graph data. A result that is a view (its task aliases its inputs) pins those
 * inputs until it is released itself. When a task is the last user of an argument that nothing
 * else holds, the argument is donated: the task may claim it and write into it.
 *
 * <p><b>Failure.</b> When a task throws (or the caller is interrupted), nothing new starts, tasks
 * in flight are interrupted and awaited (a task still reading a block must not see it freed),
 * every held result is released, and the caller gets a {@link TaskFailedException} naming the key
 * (or a {@link CancellationException}). The worker threads stay usable.
 */
final class Execution {
    private final Plan plan;
    private final ValueHandler handler;
    private final ExecutorService pool;
    private final int workers;
    private final List<SchedulerCallback> callbacks;
    private final LinkedBlockingQueue<Completion> done = new LinkedBlockingQueue<>();

    private final Object[] values;
    private final long[] bytes;
    private final int[] waiting;
    private final int[] remaining;
    private final int[] pins;
    private final boolean[] held;
    private final Thread[] runners;
    private volatile boolean cancelled;
    private final IntHeap ready;
    private int inFlight;
    private int finished;
    private long bytesHeld;
    private long peakBytes;
    private int valuesHeld;
    private int peakValues;
    private Throwable failure;
    private Key failedKey;

    Execution(Plan plan, ValueHandler handler, ExecutorService pool, int workers) {
        this.plan = plan;
        this.handler = handler;
        this.pool = pool;
        this.workers = workers;
        this.callbacks = Callbacks.active();
        int n = plan.size();
        values = new Object[n];
        bytes = new long[n];
        waiting = new int[n];
        remaining = new int[n];
        pins = new int[n];
        held = new boolean[n];
        runners = pool == null ? null : new Thread[n];
        ready = new IntHeap(Math.max(16, n));
    }

    Scheduler.Result run() {
        long start = System.nanoTime();
        int n = plan.size();
        NativeThreads.limitFor(workers);
        for (SchedulerCallback cb : callbacks) {
            cb.computationStarted(n, workers);
        }
        for (int i = 0; i < n; i++) {
            waiting[i] = plan.deps[i].length;
            remaining[i] = plan.dependents[i].length;
        }
        for (int i = 0; i < n; i++) {
            if (plan.tasks[i].isData()) {
                store(i, plan.tasks[i].literal(), 0);
                finished++;
                becameAvailable(i);
            }
        }
        for (int i = 0; i < n; i++) {
            if (plan.deps[i].length == 0 && !plan.tasks[i].isData()) {
                ready.add(i);
            }
        }
        boolean interrupted = false;
        while (true) {
            while (failure == null && inFlight < workers && !ready.isEmpty()) {
                submit(ready.poll());
            }
            if (inFlight == 0) {
                break;
            }
            Completion c;
            try {
                c = done.take();
            } catch (InterruptedException e) {
                interrupted = true;
                fail(null, new CancellationException("computation interrupted"));
                continue;
            }
            complete(c);
            while ((c = done.poll()) != null) {
                complete(c);
            }
        }
        ComputeStats stats = new ComputeStats(n, peakBytes, peakValues, workers, System.nanoTime() - start);
        if (failure != null) {
            for (int i = 0; i < n; i++) {
                if (held[i]) {
                    drop(i, true);
                }
            }
            for (SchedulerCallback cb : callbacks) {
                cb.computationFinished(stats, failure);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failedKey == null) {
                throw failure instanceof RuntimeException r ? r : new CancellationException(failure.toString());
            }
            throw new TaskFailedException(failedKey, failure);
        }
        if (finished != n) {
            throw new IllegalStateException("graph finished " + finished + " of " + n + " tasks; expected all");
        }
        List<Object> out = new ArrayList<>(plan.outputIndex.length);
        for (int i : plan.outputIndex) {
            out.add(values[i]);
        }
        for (SchedulerCallback cb : callbacks) {
            cb.computationFinished(stats, null);
        }
        return new Scheduler.Result(out, stats);
    }

    private void submit(int t) {
        Task task = plan.tasks[t];
        int[] a = plan.args[t];
        Object[] argValues = new Object[a.length];
        boolean[] donated = new boolean[a.length];
        for (int j = 0; j < a.length; j++) {
            int p = a[j];
            argValues[j] = values[p];
            donated[j] = remaining[p] == 1 && donatable(p) && occursOnce(a, p);
        }
        TaskArgs args = new TaskArgs(argValues, donated, handler);
        inFlight++;
        for (SchedulerCallback cb : callbacks) {
            cb.taskStarted(task.key());
        }
        if (pool == null) {
            runTask(t, task, args);
        } else {
            pool.execute(() -> runTask(t, task, args));
        }
    }

    private void runTask(int t, Task task, TaskArgs args) {
        long t0 = System.nanoTime();
        Object v = null;
        Throwable err = null;
        if (!cancelled) {
            if (runners != null) {
                synchronized (runners) {
                    runners[t] = Thread.currentThread();
                }
            }
            try {
                v = task.function().apply(args);
            } catch (Throwable e) {
                err = e;
            }
            if (runners != null) {
                synchronized (runners) {
                    runners[t] = null;
                }
                Thread.interrupted(); // an interrupt meant for this task must not reach the next one
            }
        }
        done.add(new Completion(t, v, err, args, t0, System.nanoTime(), Thread.currentThread().getName()));
    }

    private void complete(Completion c) {
        int t = c.task;
        inFlight--;
        if (c.error != null || failure != null) {
            if (c.error != null && failure == null) {
                fail(plan.tasks[t].key(), c.error);
            }
            if (c.value != null && !plan.tasks[t].aliasesInputs()) {
                handler.release(c.value);
            }
            return;
        }
        long size = plan.tasks[t].aliasesInputs() ? 0 : handler.sizeOf(c.value);
        store(t, c.value, size);
        finished++;
        for (SchedulerCallback cb : callbacks) {
            cb.taskFinished(plan.tasks[t].key(), c.start, c.end, c.thread, size, bytesHeld);
        }
        int[] a = plan.args[t];
        for (int j = 0; j < a.length; j++) {
            if (c.args.isClaimed(j)) {
                disown(a[j]);
            }
        }
        boolean aliases = plan.tasks[t].aliasesInputs();
        for (int p : plan.deps[t]) {
            remaining[p]--;
            if (aliases) {
                pins[p]++;
            }
            maybeRelease(p);
        }
        becameAvailable(t);
        maybeRelease(t);
    }

    private void becameAvailable(int t) {
        for (int d : plan.dependents[t]) {
            if (--waiting[d] == 0) {
                ready.add(d);
            }
        }
    }

    private void store(int t, Object v, long size) {
        values[t] = v;
        held[t] = true;
        bytes[t] = size;
        bytesHeld += size;
        valuesHeld++;
        peakBytes = Math.max(peakBytes, bytesHeld);
        peakValues = Math.max(peakValues, valuesHeld);
    }

    private boolean donatable(int p) {
        Task task = plan.tasks[p];
        return held[p] && !plan.output[p] && !task.isData() && !task.aliasesInputs() && pins[p] == 0
                && !handler.isView(values[p]);
    }

    private static boolean occursOnce(int[] a, int p) {
        int count = 0;
        for (int x : a) {
            if (x == p && ++count > 1) {
                return false;
            }
        }
        return true;
    }

    private void maybeRelease(int p) {
        if (held[p] && remaining[p] == 0 && pins[p] == 0 && !plan.output[p]) {
            drop(p, true);
        }
    }

    /** A task claimed p's value: it now lives inside that task's result; forget it without freeing. */
    private void disown(int p) {
        if (held[p]) {
            drop(p, false);
        }
    }

    private void drop(int p, boolean free) {
        Object v = values[p];
        values[p] = null;
        held[p] = false;
        bytesHeld -= bytes[p];
        valuesHeld--;
        Task task = plan.tasks[p];
        if (free && !task.isData() && !task.aliasesInputs()) {
            handler.release(v);
        }
        for (SchedulerCallback cb : callbacks) {
            cb.released(task.key(), bytes[p]);
        }
        if (task.aliasesInputs()) {
            for (int d : plan.deps[p]) {
                if (--pins[d] == 0 && failure == null) {
                    maybeRelease(d);
                }
            }
        }
    }

    private void fail(Key key, Throwable error) {
        if (failure != null) {
            return;
        }
        failure = error;
        failedKey = key;
        cancelled = true;
        if (runners != null) {
            synchronized (runners) {
                for (Thread r : runners) {
                    if (r != null) {
                        r.interrupt();
                    }
                }
            }
        }
    }

    private record Completion(int task, Object value, Throwable error, TaskArgs args, long start, long end,
                              String thread) {
    }

    /** A binary min-heap of task indices (= priorities). */
    private static final class IntHeap {
        private int[] heap;
        private int size;

        IntHeap(int capacity) {
            heap = new int[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(int x) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= x) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = x;
        }

        int poll() {
            int top = heap[0];
            int x = heap[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (x <= heap[child]) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = x;
            return top;
        }
    }
}
