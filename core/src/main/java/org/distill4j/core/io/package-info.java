/**
 * JSON Lines reading and writing with line-numbered errors, lenient reading into a reject file,
 * and appends that survive a killed process. Also the shared Jackson mappers.
 */
package org.distill4j.core.io;
