package dev.carepath.engine.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.operaton.bpm.engine.exception.NullValueException;
import org.operaton.bpm.spring.boot.starter.rest.OperatonJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * Operaton's REST resources, plus answers in Operaton's own error format ({@code {"type", "message"}}) for caller
 * errors it would otherwise report wrongly: a required value missing from the request ({@link NullValueException},
 * e.g. a fetch-and-lock without {@code workerId}) is 400, not 500; a body Jersey's Jackson cannot read is a 400 JSON
 * error, not Jackson's message as plain text (which quotes the request). Replaces the starter's default
 * configuration (it backs off for a bean of this type).
 */
@Component
class EngineRestErrors extends OperatonJerseyResourceConfig {

    @Override
    protected void registerAdditionalResources() {
        super.registerAdditionalResources();
        // Ahead of Jersey's own Jackson mappers of the same exception types, which answer Jackson's message as text.
        register(MissingValue.class, 1);
        register(UnreadableJson.class, 1);
        register(UnmappableJson.class, 1);
    }

    static Response error(String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** A required value the caller did not give: 400; Operaton's message names the value, never quotes input. */
    public static class MissingValue implements ExceptionMapper<NullValueException> {
        @Override
        public Response toResponse(NullValueException e) {
            return error(NullValueException.class.getSimpleName(), e.getMessage());
        }
    }

    /** A body that is no JSON: 400, without Jackson's message. */
    public static class UnreadableJson implements ExceptionMapper<JsonParseException> {
        @Override
        public Response toResponse(JsonParseException e) {
            return error("InvalidRequestException", "The request body is not JSON.");
        }
    }

    /** A body that is JSON of another shape than the endpoint's (a value of the wrong type): 400, without Jackson's message. */
    public static class UnmappableJson implements ExceptionMapper<JsonMappingException> {
        @Override
        public Response toResponse(JsonMappingException e) {
            return error("InvalidRequestException", "The request body is not JSON of the expected shape.");
        }
    }
}
