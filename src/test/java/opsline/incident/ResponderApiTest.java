package opsline.incident;

import opsline.AdminApiTest;
import opsline.security.Role;
import org.junit.jupiter.api.BeforeEach;

/** An {@link AdminApiTest} with a responder made for each test and the incident operations as that responder. */
public abstract class ResponderApiTest extends AdminApiTest {

    protected String responder;
    protected IncidentApi incidents;

    @BeforeEach
    void signInAsResponder() {
        responder = accounts.tokenFor(Role.RESPONDER);
        incidents = new IncidentApi(api, responder);
    }
}
