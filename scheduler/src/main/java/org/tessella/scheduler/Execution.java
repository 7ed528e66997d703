package org.tessella.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.RejectedExecutionException;

/**
 * One run of a {@link Plan}: the coordinator. Design notes:
 *
 * <p><b>State.</b> Everything mutable (values held, unfinished-dependency counts, remaining
 * dependents, pins, the ready heap, bytes held) belongs to the coordinating thread (the caller's).
 * Workers only run a task's function and put its {@link Job} on the {@code done} queue; that queue
 * is the only hand-off, and it orders every write a worker made before the coordinator reads it.
 * The one field workers read is the volatile {@code cancelled} flag.
 *
 * <p><b>Choosing work.</b> Ready tasks wait in a min-heap by static priority (the plan's index,
 * see {@link Plan}). At most {@code maxInFlight} tasks are handed out at once: {@code workers}, or
 * twice that on a thread pool so that a worker finishing a task finds the next one already queued
 * instead of waiting for the coordinator to wake up (this is what keeps the per-task overhead
 * low; the price is that priorities are followed one batch late, which adds at most
 * {@code workers} values to the peak). Completions are drained in batches.
 *
 * <p><b>Releasing.</b> A result is released when its last dependent finishes, unless it is an
 * output or literal graph data. A result that may share memory with an input pins all its
 * task's inputs until it is released itself: a task declared {@link Task#aliasesInputs()}, a
 * result the value handler reports as a view, and a result that <em>is</em> one of its
 * arguments (returned as is; such a result is never released on its own). When a task is the
 * last user of an argument that nothing else holds, the argument is donated (see
 * {@link TaskArgs}); a claimed argument leaves the scheduler's hands with the task's result, or
 * is released by the scheduler if the task fails.
 *
 * <p><b>Failure.</b> When a task throws, the caller is interrupted, the coordinator itself fails
 * (a callback or the value handler threw) or the pool is closed: nothing new starts, queued jobs
 * are skipped, running tasks are interrupted and awaited (a task still reading a block must not
 * see it freed), every held result and every result that arrives late is released, and the
 * caller gets a {@link TaskFailedException} naming the key, a {@link CancellationException}, or
 * the coordinator's own exception. The worker threads stay usable; an interrupted caller keeps
 * its interrupt flag.
 *
 * <p><b>Running tasks in the coordinator.</b> Synchronous runs ({@code pool == null}) use the same
 * loop with one task in flight, run in the caller's thread. On a pool, too, a task that is the only
 * one that can run (nothing in flight, nothing else ready) runs in the caller's thread: no other
 * task can become ready before it ends, so nothing is lost, and a chain of small tasks is spared
 * two thread hand-offs per task. An interrupt seen during a task run in the caller's thread
 * cancels the computation.
 */
final class Execution {
    /** Value state bits. */
    private static final byte HELD = 1;
    private static final byte OUTPUT = 2;
    private static final byte DATA = 4;
    /** The value may share memory with its task's inputs: they stay alive while it is held. */
    private static final byte PINS = 8;
    /** The value is one of its task's arguments, returned as is: owned elsewhere, never freed. */
    private static final byte BORROWED = 16;
    private static final byte NOT_DONATABLE = OUTPUT | DATA | PINS | BORROWED;

    private final Plan plan;
    private final ValueHandler handler;
    private final ExecutorService pool;
    private final int workers;
    private final int maxInFlight;
    private final int nativeWorkers;
    private final SchedulerCallback[] callbacks;
    /** Finished jobs; workers add, the coordinator polls, parking when it is empty. */
    private final ConcurrentLinkedQueue<Job> done = new ConcurrentLinkedQueue<>();
    private Thread coordinator;
    private volatile boolean parked;
    private volatile boolean cancelled;

    private final Object[] values;
    private final long[] bytes;
    private final int[] waiting;
    private final int[] remaining;
    private final int[] pins;
    private final byte[] state;
    private final Job[] running;
    private final IntHeap ready;
    private final IntStack unpinned = new IntStack();
    private int inFlight;
    private int finished;
    private int dataTasks;
    private long bytesHeld;
    private long peakBytes;
    private int valuesHeld;
    private int peakValues;
    private Throwable failure;
    private Key failedKey;
    private boolean interrupted;

    /**
     * @param pool          where tasks run; null runs them in the caller's thread, one at a time
     * @param workers       tasks that may run at once (1 without a pool)
     * @param nativeWorkers workers to count against the cores for {@link NativeThreads}; 0 for a
     *                      computation nested inside a task that is already counted
     */
    Execution(Plan plan, ValueHandler handler, ExecutorService pool, int workers, int nativeWorkers) {
        this.plan = plan;
        this.handler = handler;
        this.pool = pool;
        this.workers = pool == null ? 1 : workers;
        this.maxInFlight = pool == null ? 1 : 2 * workers;
        this.nativeWorkers = nativeWorkers;
        this.callbacks = Callbacks.active();
        int n = plan.size();
        values = new Object[n];
        bytes = new long[n];
        waiting = new int[n];
        remaining = new int[n];
        pins = new int[n];
        state = new byte[n];
        running = pool == null ? null : new Job[n];
        ready = new IntHeap(16);
    }

    Scheduler.Result run() {
        coordinator = Thread.currentThread();
        long start = System.nanoTime();
        int n = plan.size();
        NativeThreads.acquire(nativeWorkers);
        try {
            drive();
        } finally {
            NativeThreads.release(nativeWorkers);
        }
        ComputeStats stats = new ComputeStats(n - dataTasks, peakBytes, peakValues, workers, System.nanoTime() - start);
        if (failure == null && finished != n) {
            failure = new IllegalStateException("graph finished " + finished + " of " + n + " tasks; expected all");
        }
        if (failure != null) {
            releaseAll();
            notifyFinished(stats, failure);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failedKey != null) {
                throw new TaskFailedException(failedKey, failure);
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("computation failed: " + failure, failure);
        }
        List<Object> out = new ArrayList<>(plan.outputIndex.length);
        for (int i : plan.outputIndex) {
            out.add(values[i]);
        }
        notifyFinished(stats, null);
        return new Scheduler.Result(Collections.unmodifiableList(out), stats);
    }

    /** The coordinator loop: returns when nothing is in flight and nothing more will start. */
    private void drive() {
        try {
            start();
        } catch (RuntimeException | Error e) {
            fail(null, e);
        }
        while (true) {
            try {
                while (failure == null && inFlight < maxInFlight && !ready.isEmpty()) {
                    int t = ready.poll();
                    // The only task that can run: run it here, saving two thread hand-offs.
                    submit(t, pool == null || (inFlight == 0 && ready.isEmpty()));
                }
                if (inFlight == 0) {
                    return;
                }
                Job j = take();
                do {
                    complete(j);
                } while ((j = done.poll()) != null);
            } catch (InterruptedException e) {
                interrupted = true;
                fail(null, new CancellationException("computation interrupted"));
            } catch (RuntimeException | Error e) {
                // A callback or the value handler threw on the coordinator: stop like a failed task.
                fail(null, e);
            }
        }
    }

    /** The next finished job, waiting for one if needed; throws if the caller is interrupted. */
    private Job take() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Job j;
        while ((j = done.poll()) == null) {
            parked = true; // announce, then look again: a worker adds, then reads parked (both volatile)
            j = done.poll();
            if (j != null) {
                parked = false;
                return j;
            }
            LockSupport.park(this);
            parked = false;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return j;
    }

    /** Called by workers (and by the coordinator for jobs it ran itself). */
    private void post(Job j) {
        done.add(j);
        if (parked) {
            LockSupport.unpark(coordinator);
        }
    }

    private void start() {
        int n = plan.size();
        for (int i = 0; i < n; i++) {
            waiting[i] = plan.deps[i].length;
            remaining[i] = plan.dependents[i].length;
            if (plan.output[i]) {
                state[i] |= OUTPUT;
            }
            if (plan.tasks[i].isData()) {
                dataTasks++;
            }
        }
        for (SchedulerCallback cb : callbacks) {
            cb.computationStarted(n - dataTasks, workers);
        }
        if (Thread.interrupted()) {
            interrupted = true;
            fail(null, new CancellationException("computation interrupted before it started"));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (plan.tasks[i].isData()) {
                state[i] |= DATA;
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
    }

    private void submit(int t, boolean here) {
        int[] a = plan.args[t];
        Object[] argValues = new Object[a.length];
        boolean[] donated = null;
        for (int j = 0; j < a.length; j++) {
            int p = a[j];
            argValues[j] = values[p];
            if (remaining[p] == 1 && donatable(p) && occursOnce(a, p)) {
                if (donated == null) {
                    donated = new boolean[a.length];
                }
                donated[j] = true;
            }
        }
        Job job = new Job(t, new TaskArgs(argValues, donated, handler));
        for (SchedulerCallback cb : callbacks) {
            cb.taskStarted(plan.tasks[t].key());
        }
        inFlight++;
        if (here) {
            job.runHere();
            return;
        }
        running[t] = job;
        try {
            pool.execute(job);
        } catch (RejectedExecutionException e) {
            inFlight--;
            running[t] = null;
            fail(null, cancellation("scheduler is closed", e));
        }
    }

    private void complete(Job job) {
        inFlight--;
        int t = job.task;
        if (running != null) {
            running[t] = null;
        }
        if (job.skipped) {
            if (failure == null) {
                fail(null, new CancellationException("scheduler is closed"));
            }
            return;
        }
        int[] a = plan.args[t];
        if (job.error != null) {
            failTask(t, job.error, job.ranHere);
            // What the task claimed comes back with its failure: release it (the task must not have).
            releaseClaimed(job.args, a, true);
            return;
        }
        // A claimed argument now lives in the task's result (or was released by the task).
        releaseClaimed(job.args, a, false);
        Object v = job.value;
        boolean borrowed = job.args.isUnclaimedArgument(v);
        if (failure != null) {
            if (v != null && !borrowed && !plan.tasks[t].aliasesInputs()) {
                handler.release(v);
            }
            return;
        }
        Task task = plan.tasks[t];
        if (borrowed) {
            state[t] |= BORROWED | PINS;
        } else if (task.aliasesInputs() || (v != null && handler.isView(v))) {
            state[t] |= PINS;
        }
        long size = borrowed || v == null ? 0 : handler.sizeOf(v);
        store(t, v, size);
        finished++;
        for (SchedulerCallback cb : callbacks) {
            cb.taskFinished(task.key(), job.start, job.end, job.thread, size, bytesHeld);
        }
        boolean pinsInputs = (state[t] & PINS) != 0;
        for (int p : plan.deps[t]) {
            remaining[p]--;
            if (pinsInputs) {
                pins[p]++;
            }
            maybeRelease(p);
        }
        becameAvailable(t);
        maybeRelease(t);
    }

    private void failTask(int t, Throwable error, boolean ranHere) {
        if (failure != null) {
            return;
        }
        if (ranHere && (Thread.interrupted() || interruptedBy(error))) {
            // The task ran in the caller's thread, and the caller was interrupted.
            interrupted = true;
            fail(null, cancellation("computation interrupted", error));
        } else if (pool != null && pool.isShutdown() && interruptedBy(error)) {
            fail(null, cancellation("scheduler is closed", error));
        } else {
            fail(plan.tasks[t].key(), error);
        }
    }

    private static boolean interruptedBy(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof InterruptedException || e instanceof java.io.InterruptedIOException
                    || e instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return false;
    }

    private static CancellationException cancellation(String message, Throwable cause) {
        CancellationException c = new CancellationException(message);
        c.initCause(cause);
        return c;
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
        state[t] |= HELD;
        bytes[t] = size;
        bytesHeld += size;
        valuesHeld++;
        if (bytesHeld > peakBytes) {
            peakBytes = bytesHeld;
        }
        if (valuesHeld > peakValues) {
            peakValues = valuesHeld;
        }
    }

    private boolean donatable(int p) {
        return (state[p] & (HELD | NOT_DONATABLE)) == HELD && pins[p] == 0 && !plan.tasks[p].aliasesInputs();
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
        if ((state[p] & (HELD | OUTPUT)) == HELD && remaining[p] == 0 && pins[p] == 0) {
            drop(p, true);
        }
    }

    /**
     * Forgets the arguments a finished task claimed: they live in its result now. If the task
     * failed ({@code free}), releases them too.
     */
    private void releaseClaimed(TaskArgs args, int[] a, boolean free) {
        if (!args.anyClaimed()) {
            return;
        }
        for (int j = 0; j < a.length; j++) {
            if (args.isClaimed(j) && (state[a[j]] & HELD) != 0) {
                drop(a[j], free);
            }
        }
    }

    /**
     * Forgets value {@code p}, frees it if {@code free} and it is neither data nor borrowed, and
     * unpins the inputs it pinned, releasing those that were only waiting for it (iteratively: a
     * long chain of views must not overflow the stack).
     */
    private void drop(int p, boolean free) {
        dropOne(p, free);
        while (!unpinned.isEmpty()) {
            int d = unpinned.pop();
            if (--pins[d] == 0 && failure == null && (state[d] & (HELD | OUTPUT)) == HELD && remaining[d] == 0) {
                dropOne(d, true);
            }
        }
    }

    private void dropOne(int p, boolean free) {
        Object v = values[p];
        values[p] = null;
        byte s = state[p];
        state[p] = (byte) (s & ~HELD);
        bytesHeld -= bytes[p];
        valuesHeld--;
        // A value of an aliasing task never owns memory, even when it does not look like a view
        // (a view spanning its parent's whole buffer), so it is never handed to release.
        if (free && v != null && (s & (DATA | BORROWED)) == 0 && !plan.tasks[p].aliasesInputs()) {
            handler.release(v);
        }
        for (SchedulerCallback cb : callbacks) {
            cb.released(plan.tasks[p].key(), bytes[p]);
        }
        if ((s & PINS) != 0) {
            for (int d : plan.deps[p]) {
                unpinned.push(d);
            }
        }
    }

    /** After a failure: release everything still held, views before the values they view. */
    private void releaseAll() {
        for (int i = plan.size() - 1; i >= 0; i--) {
            if ((state[i] & HELD) != 0) {
                try {
                    dropOne(i, true);
                } catch (RuntimeException | Error e) {
                    if (e != failure) {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        unpinned.clear();
    }

    private void fail(Key key, Throwable error) {
        if (failure != null) {
            if (error != failure && !(error instanceof CancellationException)) {
                failure.addSuppressed(error);
            }
            return;
        }
        failure = error;
        failedKey = key;
        cancelled = true;
        if (running != null) {
            for (Job j : running) {
                if (j != null) {
                    j.interrupt();
                }
            }
        }
    }

    private void notifyFinished(ComputeStats stats, Throwable error) {
        for (SchedulerCallback cb : callbacks) {
            try {
                cb.computationFinished(stats, error);
            } catch (RuntimeException | Error e) {
                if (error != null && e != error) {
                    error.addSuppressed(e);
                } else if (error == null) {
                    throw e;
                }
            }
        }
    }

    /**
     * One task handed to a worker, and its outcome. Runs at most once; posts itself to the
     * {@code done} queue exactly once, also when skipped, so the coordinator can count it back.
     */
    final class Job implements Runnable {
        final int task;
        final TaskArgs args;
        Object value;
        Throwable error;
        long start;
        long end;
        String thread;
        boolean skipped;
        boolean ranHere;
        /** The thread running the function; guarded by this, so an interrupt never outlives the task. */
        private Thread runner;

        Job(int task, TaskArgs args) {
            this.task = task;
            this.args = args;
        }

        @Override
        public void run() {
            if (cancelled) {
                skip();
                return;
            }
            Thread me = Thread.currentThread();
            synchronized (this) {
                runner = me;
            }
            execute(me);
            synchronized (this) {
                runner = null;
            }
            if (cancelled) {
                Thread.interrupted(); // an interrupt aimed at this task must not reach the worker's next one
            }
            post(this);
        }

        /** Runs in the coordinating thread (synchronous runs, or the only task that can run). */
        void runHere() {
            ranHere = true;
            execute(Thread.currentThread());
            post(this);
        }

        private void execute(Thread me) {
            start = System.nanoTime();
            try {
                value = plan.tasks[task].function().apply(args);
            } catch (Throwable e) {
                error = e;
            }
            end = System.nanoTime();
            thread = me.getName();
        }

        /** Reports this job as not run (cancelled before it started, or dropped by a closing pool). */
        void skip() {
            skipped = true;
            post(this);
        }

        synchronized void interrupt() {
            if (runner != null) {
                runner.interrupt();
            }
        }
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
