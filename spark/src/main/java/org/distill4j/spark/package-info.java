/**
 * The project's stages as Apache Spark jobs: the same recipes, filter chains and reply-cache
 * guarantees as the local commands, on more than one machine.
 */
package org.distill4j.spark;
