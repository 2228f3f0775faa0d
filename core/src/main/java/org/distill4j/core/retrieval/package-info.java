/** The retrieval contract between the knowledge base and the students that read from it. */
package org.distill4j.core.retrieval;
