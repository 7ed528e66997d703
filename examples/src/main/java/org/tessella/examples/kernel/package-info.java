/** Block kernels of the examples: the only place here that touches ND4J buffers directly. */
package org.tessella.examples.kernel;
