package dev.carepath.portal.decisions;

import dev.carepath.dmn.InvalidDecisionTableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff console's decision-table pages ({@code /console/decisions/**}, role {@code clinical-ops}; the console's
 * security chain guards the path). Server-rendered (Thymeleaf, {@code templates/console/decisions/}):
 * <ul>
 *   <li>{@code GET /console/decisions}: the four tables with the version in force;</li>
 *   <li>{@code GET /console/decisions/{key}}: the table in force, rule by rule with its annotations, a what-if form
 *       ({@code POST …/what-if}: the matched rules and outputs), an upload form;</li>
 *   <li>{@code POST …/check}: an uploaded file run through the gate without deploying it: the golden-case report
 *       (failing rows with inputs, expected and actual), what it changes against the version in force, and when it
 *       passes a button to deploy it ({@code POST …/deploy}, which runs the gate again);</li>
 *   <li>{@code GET …/history}: every version with who deployed it and when, a rule-level diff between any two
 *       ({@code GET …/diff?from=&to=}), and a roll back to an earlier version ({@code POST …/versions/{n}/roll-back}:
 *       its XML deployed again as a new version, recorded and published as {@code decision.deployed} with
 *       {@code restoredFromVersion}).</li>
 * </ul>
 * Nothing here is PHI: the what-if's facts are typed by staff and kept nowhere, and they travel in a POST body only.
 */
@Controller
@RequestMapping("/console/decisions")
class DecisionPages {

    private final DecisionConsole decisions;

    DecisionPages(DecisionConsole decisions) {
        this.decisions = decisions;
    }

    @GetMapping
    String index(Model model) {
        Map<String, DecisionConsole.VersionView> tables = new LinkedHashMap<>();
        decisions.keys().forEach(key -> tables.put(key, decisions.inForce(key)));
        model.addAttribute("tables", tables);
        return "console/decisions/index";
    }

    @GetMapping("/{key}")
    String table(@PathVariable String key, Model model) {
        tablePage(key, model, Map.of());
        return "console/decisions/table";
    }

    @PostMapping("/{key}/what-if")
    String whatIf(@PathVariable String key, @RequestParam Map<String, String> form, Model model) {
        DecisionConsole.VersionView inForce = tablePage(key, model, form);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inForce.table().inputs().forEach(column -> {
            String value = form.get("in." + column.expression());
            if (value != null && !value.isBlank()) {
                inputs.put(column.expression(), value.trim());
            }
        });
        try {
            WhatIfEvaluations.Answer answer = decisions.whatIf(key, inputs);
            model.addAttribute("answer", answer);
            model.addAttribute("matchedIds", answer.matchedRules().stream().map(WhatIfEvaluations.MatchedRule::id)
                    .toList());
        } catch (ErrorResponseException e) {
            model.addAttribute("whatIfError", e.getBody().getDetail());
            model.addAttribute("whatIfErrors", e.getBody().getProperties() == null ? null
                    : e.getBody().getProperties().get("errors"));
        }
        return "console/decisions/table";
    }

    @PostMapping("/{key}/check")
    String check(@PathVariable String key, @RequestParam("file") MultipartFile file, Model model) throws IOException {
        byte[] xml = file.getBytes();
        model.addAttribute("key", key);
        if (xml.length == 0) {
            model.addAttribute("check", new DecisionConsole.UploadCheck(key, "", null,
                    List.of("The file is empty: choose the edited DMN file."), null, null, decisions.inForce(key), null));
            return "console/decisions/check";
        }
        model.addAttribute("check", decisions.check(key, xml));
        return "console/decisions/check";
    }

    @PostMapping("/{key}/deploy")
    String deploy(@PathVariable String key, @RequestParam("xml") String xml, Principal who, Model model,
            RedirectAttributes redirect) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        try {
            DecisionDeployments.Deployed deployed = decisions.deploy(key, bytes, who.getName());
            redirect.addFlashAttribute("deployed", deployed);
            return "redirect:/console/decisions/" + key;
        } catch (DecisionDeployments.GoldenCasesFailedException | DecisionDeployments.InvalidTableException
                | InvalidDecisionTableException e) {
            // Changed in between (another deployment moved the version in force, or the file was altered): show why.
            model.addAttribute("key", key);
            model.addAttribute("check", decisions.check(key, bytes));
            return "console/decisions/check";
        }
    }

    @GetMapping("/{key}/history")
    String history(@PathVariable String key, Model model) {
        model.addAttribute("key", key);
        model.addAttribute("versions", decisions.history(key));
        return "console/decisions/history";
    }

    @GetMapping("/{key}/diff")
    String diff(@PathVariable String key, @RequestParam int from, @RequestParam int to, Model model) {
        model.addAttribute("key", key);
        model.addAttribute("versions", decisions.history(key));
        model.addAttribute("from", decisions.version(key, from));
        model.addAttribute("to", decisions.version(key, to));
        model.addAttribute("diff", decisions.diff(key, from, to));
        return "console/decisions/history";
    }

    @GetMapping("/{key}/versions/{version}")
    String version(@PathVariable String key, @PathVariable int version, Model model) {
        model.addAttribute("key", key);
        model.addAttribute("view", decisions.version(key, version));
        model.addAttribute("inForce", decisions.inForce(key));
        return "console/decisions/version";
    }

    /** The version's DMN file, to open in the Modeler and edit. */
    @GetMapping(value = "/{key}/versions/{version}/file", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> file(@PathVariable String key, @PathVariable int version) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + key + ".dmn\"")
                .contentType(MediaType.APPLICATION_XML)
                .body(decisions.xml(key, version));
    }

    @PostMapping("/{key}/versions/{version}/roll-back")
    String rollBack(@PathVariable String key, @PathVariable int version, Principal who, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("deployed", decisions.rollBack(key, version, who.getName()));
        } catch (DecisionDeployments.GoldenCasesFailedException e) {
            // The golden cases moved on since that version (a release added or changed some): it may not return.
            redirect.addFlashAttribute("rollBackRefused", version);
            redirect.addFlashAttribute("report", e.report());
        }
        return "redirect:/console/decisions/" + key + "/history";
    }

    private DecisionConsole.VersionView tablePage(String key, Model model, Map<String, String> form) {
        DecisionConsole.VersionView inForce = decisions.inForce(key);
        model.addAttribute("key", key);
        model.addAttribute("view", inForce);
        model.addAttribute("form", form);
        return inForce;
    }

    @ExceptionHandler(DecisionDeployments.UnknownDecisionException.class)
    ErrorResponseException unknown() {
        return new ErrorResponseException(HttpStatus.NOT_FOUND);
    }
}
