/**
 * Teachers: the models that write knowledge. A {@link org.distill4j.teacher.Teacher}
 * answers one {@link org.distill4j.teacher.TeacherRequest} (provider-neutral
 * {@link org.distill4j.teacher.ChatTurn} messages, sampling, sample index) with one
 * {@link org.distill4j.teacher.TeacherReply}.
 * {@link org.distill4j.teacher.ChatModelFactory} turns a
 * {@link org.distill4j.teacher.TeacherConfig} into a LangChain4j {@code ChatModel} through the
 * {@link org.distill4j.teacher.Provider} registered under the config's id (see
 * {@link org.distill4j.teacher.Providers}), with client retries off; the batch runner
 * ({@code teacher.batch}) is the one layer that retries, and the reply cache ({@code teacher.cache})
 * makes sure a reply is paid for once. API keys are read from the environment variable the config names and are
 * never written anywhere.
 *
 * <p>Imports: core only; {@code teacher.provider} implements these interfaces and is found at
 * run time, never imported from here.
 */
package org.distill4j.teacher;
