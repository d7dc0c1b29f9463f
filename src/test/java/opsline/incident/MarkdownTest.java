package opsline.incident;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The renderer alone; MarkdownSafetyTest follows bodies through the API and every page. */
class MarkdownTest {

    private final Markdown markdown = new Markdown();

    @Test
    void aLinkWhoseTargetIsRefused_staysAsItsText_withoutAnEmptyAnchor() {
        assertThat(markdown.toSafeHtml("Bad deploy; [rolling back](javascript:alert(1)).")).isEqualTo("<p>Bad deploy; rolling back.</p>");
        assertThat(markdown.toSafeHtml("<a href=\"javascript:alert(1)\">x</a>")).doesNotContain("<a");
    }

    @Test
    void anHttpsLink_keepsItsTarget_andIsMarkedNofollow() {
        assertThat(markdown.toSafeHtml("[runbook](https://wiki.example.com/db)"))
                .isEqualTo("<p><a rel=\"nofollow noopener noreferrer\" href=\"https://wiki.example.com/db\">runbook</a></p>");
    }
}
