/**
 * Custom computations as task graphs: wrap functions, call them on values or on other delayed
 * results, and compute many results at once, in parallel, with shared work done once.
 */
package org.tessella.scheduler.delayed;
