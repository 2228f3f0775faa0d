/**
 * One process per folder: an operating-system file lock that a killed process cannot leave
 * behind, with the holder's PID and command written beside it for the message.
 */
package org.distill4j.core.lock;
