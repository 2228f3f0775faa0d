/**
 * Checks for chain-of-thought rationales: the final answer extracted from free text (the number
 * after {@code ####}, "So the answer is (b) ...", an option letter or the option's text), checked
 * against gold, and self-consistency across samples and across teachers.
 */
package org.distill4j.filtering.rationale;
