package opsline.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's forms. Each checks the session and its anti-forgery token, runs its GraphQL mutation
 * (views/console/*.graphql) as the signed-in user, and redirects to the incident; a refused form is shown
 * again with its problems and what was typed, and an edit that lost a race shows both versions.
 */
@Controller("/console/incidents")
@ExecuteOn(TaskExecutors.BLOCKING)
class IncidentForms {

    private final Console console;
    private final ConsolePages pages;

    IncidentForms(Console console, ConsolePages pages) {
        this.console = console;
        this.pages = pages;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> declare(HttpRequest<?> request, @Nullable @Body String body) {
        FormData form = FormData.parse(body);
        return withSession(request, form, signedIn -> {
            Map<String, Object> input = new HashMap<>();
            input.put("title", required(form, "title"));
            input.put("severity", form.get("severity"));
            input.put("services", form.all("services"));
            input.put("visibility", form.get("visibility"));
            input.put("message", form.get("message"));
            Console.Submitted submitted = console.submit("declare-incident", signedIn, Map.of("input", input), request);
            if (!submitted.accepted()) {
                return pages.declareForm(signedIn, request, Console.problems("declare", submitted.problems()), form.values(),
                        HttpStatus.UNPROCESSABLE_ENTITY);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> incident = (Map<String, Object>) submitted.payload().get("incident");
            return HttpResponse.seeOther(URI.create("/console/incidents/" + incident.get("number")));
        });
    }

    @Post(value = "/{number}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> act(String number, String action, HttpRequest<?> request, @Nullable @Body String body) {
        FormData form = FormData.parse(body);
        return withSession(request, form, signedIn -> switch (action) {
            case "acknowledge" -> submit(number, action, "acknowledge", Map.of("number", number), form, signedIn, request);
            case "status" -> submit(number, action, "change-status",
                    input("number", number, "status", form.get("status"), "message", form.get("message")), form, signedIn, request);
            case "resolve" -> submit(number, action, "change-status",
                    input("number", number, "status", "RESOLVED", "message", form.get("message")), form, signedIn, request);
            case "reopen" -> submit(number, action, "reopen", input("number", number, "message", form.get("message")), form, signedIn, request);
            case "severity" -> submit(number, action, "update-incident",
                    input("number", number, "severity", form.get("severity"), "message", form.get("message")), form, signedIn, request);
            case "role" -> submit(number, action, "assign-role",
                    input("number", number, "role", form.get("role"), "assignee", required(form, "assignee")), form, signedIn, request);
            case "entries" -> addEntry(number, form, signedIn, request);
            case "postmortem" -> submit(number, action, "update-postmortem", input("number", number, "summary", form.get("summary"),
                    "impact", form.get("impact"), "rootCause", form.get("rootCause"), "wentWell", form.get("wentWell"),
                    "wentWrong", form.get("wentWrong")), form, signedIn, request);
            case "action-items" -> submit(number, action, "add-action-item", input("number", number, "title", required(form, "title"),
                    "owner", form.get("owner"), "dueOn", form.get("dueOn")), form, signedIn, request);
            default -> HttpResponse.notFound();
        });
    }

    @Post(value = "/{number}/entries/{id}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> changeEntry(String number, String id, String action, HttpRequest<?> request, @Nullable @Body String body) {
        FormData form = FormData.parse(body);
        return withSession(request, form, signedIn -> switch (action) {
            case "edit" -> editEntry(number, id, form, signedIn, request);
            case "redact" -> submit(number, "entry-" + id, "redact-entry",
                    input("id", id, "expectedVersion", integer(form.get("expectedVersion"))), form, signedIn, request);
            default -> HttpResponse.notFound();
        });
    }

    @Post(value = "/{number}/action-items/{id}/complete", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> completeItem(String number, String id, HttpRequest<?> request, @Nullable @Body String body) {
        FormData form = FormData.parse(body);
        return withSession(request, form, signedIn -> submit(number, "action-items", "complete-action-item", Map.of("id", id), form,
                signedIn, request));
    }

    private HttpResponse<?> addEntry(String number, FormData form, SignedIn signedIn, HttpRequest<?> request) {
        Optional<String> occurredAt = utc(form.get("occurredAt"));
        if (form.get("occurredAt") != null && occurredAt.isEmpty()) {
            return refused(number, "entries", List.of("When it happened must be a date and time, such as 2026-11-23T09:12."), form, signedIn, request);
        }
        return submit(number, "entries", "add-entry", input("number", number, "kind", form.get("kind"), "body", required(form, "body"),
                "visibility", form.get("visibility"), "occurredAt", occurredAt.orElse(null)), form, signedIn, request);
    }

    private HttpResponse<?> editEntry(String number, String id, FormData form, SignedIn signedIn, HttpRequest<?> request) {
        // The form shows the entry's time to the minute; only a time changed in it is a correction.
        boolean timeChanged = form.get("occurredAt") != null && !form.get("occurredAt").equals(form.get("occurredAtWas"));
        Optional<String> occurredAt = timeChanged ? utc(form.get("occurredAt")) : Optional.empty();
        Console.Submitted submitted = console.submit("edit-entry", signedIn, Map.of("input", input("id", id,
                "expectedVersion", integer(form.get("expectedVersion")), "body", form.get("body"), "occurredAt", occurredAt.orElse(null))), request);
        if (submitted.accepted()) {
            return HttpResponse.seeOther(URI.create("/console/incidents/" + number + "#entry-" + id));
        }
        Map<String, Object> extra = new HashMap<>(Console.problems("entry-" + id, submitted.problems()));
        extra.put("values", form.values());
        if (submitted.payload().get("current") != null) {
            extra.put("conflict", Map.of("entryId", id, "yours", String.valueOf(form.get("body")), "current", submitted.payload().get("current")));
        }
        return pages.incident(number, signedIn, request, extra, HttpStatus.CONFLICT);
    }

    private HttpResponse<?> submit(String number, String formName, String document, Map<String, Object> input, FormData form,
                                   SignedIn signedIn, HttpRequest<?> request) {
        Console.Submitted submitted = console.submit(document, signedIn, Map.of("input", input), request);
        if (!submitted.accepted()) {
            return refused(number, formName, submitted.problems(), form, signedIn, request);
        }
        return HttpResponse.seeOther(URI.create("/console/incidents/" + number));
    }

    private HttpResponse<?> refused(String number, String formName, List<String> problems, FormData form, SignedIn signedIn,
                                    HttpRequest<?> request) {
        Map<String, Object> extra = new HashMap<>(Console.problems(formName, problems));
        extra.put("values", form.values());
        return pages.incident(number, signedIn, request, extra, HttpStatus.UNPROCESSABLE_ENTITY);
    }

    /** Runs the form when the session is signed in and the form carries its token. */
    private HttpResponse<?> withSession(HttpRequest<?> request, FormData form, Function<SignedIn, HttpResponse<?>> action) {
        Optional<SignedIn> signedIn = console.signedIn(request);
        if (signedIn.isEmpty()) {
            return console.toSignIn(request);
        }
        if (!ConsoleSessions.formTokenMatches(signedIn.get(), form.get("_csrf"))) {
            return console.forgedForm(request);
        }
        return action.apply(signedIn.get());
    }

    /** A browser's datetime-local value, read as UTC (the console shows times in UTC), as ISO-8601. */
    private static Optional<String> utc(String local) {
        if (local == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(local).atOffset(ZoneOffset.UTC).toInstant().toString());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A field the mutation requires, as typed: an empty one is refused by the domain with a message, not by the schema. */
    private static String required(FormData form, String name) {
        String value = form.get(name);
        return value == null ? "" : value;
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An input map from name/value pairs, leaving out values that are absent. */
    private static Map<String, Object> input(Object... namesAndValues) {
        Map<String, Object> input = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                input.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return input;
    }
}
