/**
 * The teacher providers shipped with distill4j, one class each, registered in
 * {@code META-INF/services/org.distill4j.teacher.Provider}. They import LangChain4j and the
 * {@code org.distill4j.teacher} contract, nothing else of ours.
 */
package org.distill4j.teacher.provider;
