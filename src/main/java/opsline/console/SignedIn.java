package opsline.console;

import opsline.security.Viewer;

/**
 * A request from a signed-in browser: who it acts for, and the token its forms must carry.
 *
 * @param csrfToken the session's anti-forgery token, echoed by every form as {@code _csrf}
 */
public record SignedIn(Viewer viewer, String csrfToken) {
}
