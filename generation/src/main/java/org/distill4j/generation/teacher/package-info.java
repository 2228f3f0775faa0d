/**
 * Teachers: the models that write knowledge. A {@link org.distill4j.generation.teacher.Teacher}
 * answers one {@link org.distill4j.generation.teacher.TeacherRequest} (provider-neutral
 * {@link org.distill4j.generation.teacher.ChatTurn} messages, sampling, sample index) with one
 * {@link org.distill4j.generation.teacher.TeacherReply}.
 * {@link org.distill4j.generation.teacher.ChatModelFactory} turns a
 * {@link org.distill4j.generation.teacher.TeacherConfig} into a LangChain4j {@code ChatModel}
 * (openai-compatible, ollama, anthropic, gemini) with client retries off; the batch runner is the one
 * layer that retries. API keys are read from the environment variable the config names and are
 * never written anywhere.
 */
package org.distill4j.generation.teacher;
