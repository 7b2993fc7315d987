package dev.deployflow.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.deployflow.client.StartedRelease;
import dev.deployflow.model.ReleaseResult;

/**
 * The JSON of a watch: the started release (only with {@code start --watch}), and either the
 * result or why the run failed. Absent fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WatchReport(StartedRelease started, ReleaseResult result, String failure) {}
