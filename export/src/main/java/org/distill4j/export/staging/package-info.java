/**
 * Output that appears whole or not at all: files and folders are written under a hidden sibling
 * name and renamed into place once complete, so a killed export never leaves a file or folder
 * that looks finished.
 */
package org.distill4j.export.staging;
