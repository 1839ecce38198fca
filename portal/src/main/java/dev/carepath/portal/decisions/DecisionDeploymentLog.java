package dev.carepath.portal.decisions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code decisions.decision_deployment} table: one row per version the portal deployed. */
@Repository
class DecisionDeploymentLog {

    /** A version the portal deployed: who, when, its checksum, and the version it restored when it was a roll back. */
    record Entry(String decisionDefinitionId, int version, String checksum, String deployedBy, Instant deployedAt,
            int goldenCasesPassed, Integer restoredFromVersion) {
    }

    private final JdbcTemplate jdbc;

    DecisionDeploymentLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DecisionDeployments.Deployed deployed, String engineDeploymentId) {
        jdbc.update("INSERT INTO decisions.decision_deployment (decision_definition_id, decision_key, version,"
                        + " checksum, deployed_by, engine_deployment_id, golden_cases_passed, restored_from_version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                deployed.decisionDefinitionId(), deployed.decisionKey(), deployed.version(), deployed.checksum(),
                deployed.deployedBy(), engineDeploymentId, deployed.goldenCasesPassed(), deployed.restoredFromVersion());
    }

    /** Every version of {@code key} the portal deployed, newest first. */
    List<Entry> history(String key) {
        return jdbc.query("SELECT decision_definition_id, version, checksum, deployed_by, deployed_at,"
                        + " golden_cases_passed, restored_from_version FROM decisions.decision_deployment"
                        + " WHERE decision_key = ? ORDER BY version DESC",
                (row, n) -> new Entry(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                        row.getObject(5, Timestamp.class).toInstant(), row.getInt(6),
                        (Integer) row.getObject(7)), key);
    }
}
