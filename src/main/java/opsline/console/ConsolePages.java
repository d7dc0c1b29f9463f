package opsline.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The console's pages: open incidents, the declaration form, and one incident with everything about it. */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsolePages {

    private final Console console;

    ConsolePages(Console console) {
        this.console = console;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> home(HttpRequest<?> request) {
        Optional<SignedIn> signedIn = console.signedIn(request);
        if (signedIn.isEmpty()) {
            return console.toSignIn(request);
        }
        return console.render("home", console.query("home", signedIn.get(), Map.of(), request), signedIn.get(), HttpStatus.OK);
    }

    @Get(value = "/incidents/new", produces = MediaType.TEXT_HTML)
    HttpResponse<?> declareForm(HttpRequest<?> request) {
        Optional<SignedIn> signedIn = console.signedIn(request);
        if (signedIn.isEmpty()) {
            return console.toSignIn(request);
        }
        return declareForm(signedIn.get(), request, Map.of(), Map.of(), HttpStatus.OK);
    }

    @Get(value = "/incidents/{number}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> incident(String number, HttpRequest<?> request) {
        Optional<SignedIn> signedIn = console.signedIn(request);
        if (signedIn.isEmpty()) {
            return console.toSignIn(request);
        }
        return incident(number, signedIn.get(), request, Map.of(), HttpStatus.OK);
    }

    /** The declaration form, with the problems and values of a refused submission. */
    HttpResponse<?> declareForm(SignedIn signedIn, HttpRequest<?> request, Map<String, Object> problems, Map<String, String> values,
                                HttpStatus status) {
        Map<String, Object> data = new HashMap<>(console.query("declare", signedIn, Map.of(), request));
        data.putAll(problems);
        data.put("values", values);
        return console.render("declare", data, signedIn, status);
    }

    /** The incident page, with what a refused form needs to show (its problems, its values, a conflict). */
    HttpResponse<?> incident(String number, SignedIn signedIn, HttpRequest<?> request, Map<String, Object> extra, HttpStatus status) {
        Map<String, Object> data = new HashMap<>(console.query("incident", signedIn, Map.of("number", number), request));
        if (data.get("incident") == null) {
            return HttpResponse.notFound();
        }
        data.putIfAbsent("problems", Map.of());
        data.putIfAbsent("values", Map.of());
        data.putAll(extra);
        return console.render("incident", data, signedIn, status);
    }
}
