/** Runnable programs that use distill4j from Java, one per stage. */
package org.distill4j.examples;
