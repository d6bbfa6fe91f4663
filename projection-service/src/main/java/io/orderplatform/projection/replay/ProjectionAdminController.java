package io.orderplatform.projection.replay;

import io.orderplatform.http.problem.Problems;
import io.orderplatform.streams.versions.ControlState;
import io.orderplatform.streams.versions.ReplayProgress;
import io.orderplatform.streams.versions.StreamsVersion;
import io.orderplatform.streams.versions.VersionedApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts and follows the replay: {@code GET /admin/projections} shows each version's state, lag,
 * speed and ETA; {@code POST /admin/projections/rebuild?mode=side-by-side|in-place} starts a rebuild on
 * every instance.
 */
@RestController
public class ProjectionAdminController {

    private final VersionedApplication runtime;
    private final ReplayProgress progress;
    private final String instanceId;

    public ProjectionAdminController(VersionedApplication runtime, ReplayProgress progress, String instanceId) {
        this.runtime = runtime;
        this.progress = progress;
        this.instanceId = instanceId;
    }

    @GetMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> status() {
        ControlState state = runtime.state();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("instance", instanceId);
        status.put("phase", phase(state));
        status.put("serving", state.version());
        status.put("readable", !runtime.readsPaused());
        status.put("coordinator", runtime.coordinator());
        status.put("revision", state.revision());
        status.put("instancesServing", runtime.servingByInstance());
        List<Map<String, Object>> versions = new ArrayList<>();
        versions.add(version(state.version(), "serving"));
        if (state.candidate() != null) {
            versions.add(version(state.candidate(), "candidate"));
        }
        if (state.retiring() != null) {
            versions.add(version(state.retiring(), state.retiringStopped() ? "stopping" : "retiring"));
        }
        status.put("versions", versions);
        status.put("control", state);
        return status;
    }

    private String phase(ControlState state) {
        if (state.rebuildingInPlace() || runtime.readsPaused()) {
            return "REBUILDING_IN_PLACE";
        }
        if (state.candidate() != null) {
            return "BUILDING_SIDE_BY_SIDE";
        }
        return state.retiring() != null ? "RETIRING" : "SERVING";
    }

    private Map<String, Object> version(int version, String role) {
        String applicationId = runtime.applicationId(version);
        StreamsVersion here = runtime.running().get(version);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", version);
        view.put("applicationId", applicationId);
        view.put("role", role);
        view.put("state", here == null ? "NOT_RUNNING_HERE" : here.state().name());
        try {
            ReplayProgress.Status status = progress.status(applicationId);
            view.put("consumed", status.consumed());
            view.put("lag", status.lag());
            view.put("eventsPerSecond", Math.round(status.eventsPerSecond()));
            view.put("etaSeconds", status.etaSeconds());
        } catch (IllegalStateException e) {
            view.put("progressUnknown", e.getMessage());
        }
        return view;
    }

    @PostMapping(path = "/admin/projections/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> rebuild(@RequestParam(defaultValue = "side-by-side") String mode) {
        switch (mode) {
            case "side-by-side" -> runtime.rebuildSideBySide();
            case "in-place" -> runtime.rebuildInPlace();
            default -> {
                return Problems.response(Problems.problem(
                        HttpStatus.BAD_REQUEST, "validation", "Bad Request", "mode must be side-by-side or in-place"));
            }
        }
        return ResponseEntity.accepted().body(status());
    }

    @ExceptionHandler(VersionedApplication.RebuildInProgressException.class)
    ResponseEntity<ProblemDetail> busy(VersionedApplication.RebuildInProgressException e) {
        return Problems.response(
                Problems.problem(HttpStatus.CONFLICT, "rebuild-in-progress", "Conflict", e.getMessage()));
    }
}
