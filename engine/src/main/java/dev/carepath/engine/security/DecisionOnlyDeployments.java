package dev.carepath.engine.security;

import java.util.ArrayList;
import org.operaton.bpm.engine.AuthorizationException;
import org.operaton.bpm.engine.authorization.Permissions;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.deploy.Deployer;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The portal's account may deploy decision tables and nothing else. Operaton's {@code CREATE} on deployments covers
 * every kind of resource (a process model could run scripts inside the engine), so a deployment the portal's
 * account makes is refused, before anything is stored, unless every resource in it is a DMN file. The refusal is
 * Operaton's {@link AuthorizationException} (403 on the REST API). Deployments by anyone else, and the engine's
 * own at start (no user), are left alone.
 */
@Component
class DecisionOnlyDeployments extends AbstractProcessEnginePlugin implements Deployer {

    private final String portalUser;

    DecisionOnlyDeployments(@Value("${carepath.engine.portal-user}") String portalUser) {
        this.portalUser = portalUser;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<Deployer>() : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(this);
        configuration.setCustomPreDeployers(deployers);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew() || Context.getCommandContext() == null) {
            return;
        }
        String user = Context.getCommandContext().getAuthenticatedUserId();
        if (!portalUser.equals(user)) {
            return;
        }
        for (String resource : deployment.getResources().keySet()) {
            if (!resource.endsWith(".dmn")) {
                throw new AuthorizationException(user, Permissions.CREATE.getName(),
                        Resources.DEPLOYMENT.resourceName(), "a resource that is not a decision table");
            }
        }
    }
}
