/** Content hashing shared by ids, cache keys and vector caches. */
package org.distill4j.core.hash;
