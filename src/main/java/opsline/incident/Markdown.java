package opsline.incident;

import jakarta.inject.Singleton;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.util.List;

/**
 * Timeline bodies are Markdown written during an incident, often pasted from tools. They are rendered
 * with raw HTML escaped and link targets sanitised, then cleaned again by an allow-list: no script, no
 * event handler, no {@code javascript:} link survives, whatever the body holds.
 */
@Singleton
public class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(AutolinkExtension.create(), TablesExtension.create());
    private static final Safelist ALLOWED = Safelist.relaxed()
            .removeTags("img")
            .addAttributes("a", "rel")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addProtocols("a", "href", "http", "https", "mailto");

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

    public String toSafeHtml(String markdown) {
        if (markdown == null) {
            return null;
        }
        String html = renderer.render(parser.parse(markdown));
        Document clean = new Cleaner(ALLOWED).clean(Jsoup.parseBodyFragment(html));
        // A link whose target was refused (javascript:, data:) stays as its text, not as a dead <a>.
        clean.select("a:not([href])").unwrap();
        return clean.body().html();
    }
}
