package io.orderplatform.runtime.admission;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/admission}: whether new commands are admitted, and the estimate behind it. */
@RestController
public class AdmissionController {

    private final AdmissionControl control;

    public AdmissionController(AdmissionControl control) {
        this.control = control;
    }

    @GetMapping(path = "/admin/admission", produces = MediaType.APPLICATION_JSON_VALUE)
    public AdmissionState state() {
        return control.state();
    }
}
