/** Diagnostics that hang off the coordinator as {@link org.tessella.scheduler.SchedulerCallback}s. */
package org.tessella.scheduler.diagnostics;
