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
 * makes sure a reply is paid for once. API keys are read from the environment variable the
 * config names and are never written anywhere.
 *
 * <p>Imports: core and LangChain4j only. Nothing here imports {@code teacher.batch},
 * {@code teacher.cache} or {@code teacher.provider}: those depend on this contract, never the
 * other way round; the providers implement {@link org.distill4j.teacher.Provider} and are found at
 * run time through {@code ServiceLoader}.
 */
package org.distill4j.teacher;
