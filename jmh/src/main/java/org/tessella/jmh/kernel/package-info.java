/** Dense ND4J baselines: the only place in the benchmarks that calls ND4J directly. */
package org.tessella.jmh.kernel;
