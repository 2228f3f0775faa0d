/** Which DJL device a run uses, and how runs are made reproducible. */
package org.distill4j.training.device;
