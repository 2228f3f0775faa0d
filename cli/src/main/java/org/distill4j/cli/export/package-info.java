/**
 * {@code distill export}: flags into the export module's settings; the export module owns the
 * defaults, the layouts and the files.
 */
package org.distill4j.cli.export;
