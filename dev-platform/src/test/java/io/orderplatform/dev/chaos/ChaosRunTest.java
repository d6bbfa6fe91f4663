package io.orderplatform.dev.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosRunTest {

    @Test
    void counts_the_findings_by_kind_with_their_ids_and_figures_left_out() {
        List<String> findings = List.of(
                "order 0525b58a-5f53-406b-b8cd-515de20beb57 ended 0 times []",
                "order 1fc4f9ad-6b84-44ca-90cf-4b33f7de77ab ended 0 times []",
                "order 67533a02-0592-4afc-8820-42c1d339e161 had stock but was rejected: reserve-stock failed for"
                        + " CHAOS-0f83ad39-1 (no reply after 3 attempt(s)) (placed 01:31:30, rejected 01:35:52)",
                "SKU CHAOS-0f83ad39-4: available 999990, reserved 11; expected 1000001 in all and 10 reserved"
                        + " for confirmed orders");

        assertThat(ChaosRun.kindsOf(findings))
                .containsEntry("order … ended n times []", 2L)
                .containsEntry("order … had stock but was rejected: reserve-stock failed for …", 1L)
                .containsEntry(
                        "SKU …: available n, reserved n; expected n in all and n reserved for confirmed orders", 1L)
                .hasSize(3);
    }
}
