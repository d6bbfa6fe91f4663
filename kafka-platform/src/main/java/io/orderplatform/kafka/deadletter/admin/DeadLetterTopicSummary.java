package io.orderplatform.kafka.deadletter.admin;

/**
 * One of a consumer's dead-letter topics and how many dead letters it holds.
 *
 * @param sourceTopic the topic its records came from: what a list, redrive or discard names
 * @param topic the dead-letter topic
 * @param deadLetters all it holds
 * @param pending neither redriven nor discarded
 */
public record DeadLetterTopicSummary(
        String sourceTopic, String topic, int deadLetters, int pending, int redriven, int discarded) {}
