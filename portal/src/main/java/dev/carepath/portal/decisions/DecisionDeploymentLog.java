package dev.carepath.portal.decisions;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code decisions.decision_deployment} table: one row per version the portal deployed. */
@Repository
class DecisionDeploymentLog {

    private final JdbcTemplate jdbc;

    DecisionDeploymentLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DecisionDeployments.Deployed deployed, String engineDeploymentId) {
        jdbc.update("INSERT INTO decisions.decision_deployment (decision_definition_id, decision_key, version,"
                        + " checksum, deployed_by, engine_deployment_id, golden_cases_passed)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                deployed.decisionDefinitionId(), deployed.decisionKey(), deployed.version(), deployed.checksum(),
                deployed.deployedBy(), engineDeploymentId, deployed.goldenCasesPassed());
    }
}
