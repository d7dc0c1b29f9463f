package opsline.statuspage;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import opsline.graphql.PageQuery;
import opsline.security.Viewer;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /feed.atom}: public incident updates as an Atom (RFC 4287) feed, from {@code views/feed.graphql}
 * run as the anonymous viewer. Entry ids are the updates' page addresses, stable across edits.
 */
@Controller("/feed.atom")
@ExecuteOn(TaskExecutors.BLOCKING)
class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String MEDIA_TYPE = "application/atom+xml;charset=utf-8";

    private final PageQuery pageQuery;

    AtomFeed(PageQuery pageQuery) {
        this.pageQuery = pageQuery;
    }

    @Get(produces = "application/atom+xml")
    HttpResponse<String> feed(HttpRequest<?> request) throws XMLStreamException {
        Map<String, Object> data = pageQuery.run("feed", Viewer.ANONYMOUS, Map.of(), request).dataOrThrow("feed");
        return HttpResponse.ok(atom(data)).contentType(MEDIA_TYPE).header(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
    }

    @SuppressWarnings("unchecked")
    static String atom(Map<String, Object> data) throws XMLStreamException {
        Map<String, Object> site = (Map<String, Object>) data.get("site");
        List<Map<String, Object>> updates = (List<Map<String, Object>>) data.get("publicUpdates");
        String base = (String) site.get("url");
        StringWriter text = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(ATOM);
        element(xml, "id", base + "/feed.atom");
        element(xml, "title", site.get("name") + " status: incident updates");
        element(xml, "updated", lastUpdated(updates));
        link(xml, "self", base + "/feed.atom");
        link(xml, "alternate", base + "/");
        xml.writeStartElement("author");
        element(xml, "name", (String) site.get("name"));
        xml.writeEndElement();
        for (Map<String, Object> update : updates) {
            Map<String, Object> incident = (Map<String, Object>) update.get("incident");
            String page = base + "/incidents/" + incident.get("number");
            xml.writeStartElement("entry");
            element(xml, "id", page + "#update-" + update.get("id"));
            element(xml, "title", incident.get("title") + ": " + words(String.valueOf(update.get("status"))));
            element(xml, "updated", (String) update.get("updatedAt"));
            element(xml, "published", (String) update.get("occurredAt"));
            link(xml, "alternate", page);
            xml.writeStartElement("content");
            xml.writeAttribute("type", "html");
            xml.writeCharacters((String) update.get("bodyHtml"));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return text.toString();
    }

    /** The latest change of any entry: updates come newest-occurred first, but an older one can be edited later. */
    private static String lastUpdated(List<Map<String, Object>> updates) {
        return updates.stream().map(update -> Instant.parse((String) update.get("updatedAt"))).max(Instant::compareTo)
                .orElse(Instant.EPOCH).toString();
    }

    private static String words(String status) {
        return status.charAt(0) + status.substring(1).toLowerCase();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String relation, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", relation);
        xml.writeAttribute("href", href);
    }
}
