package dev.carepath.portal.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies of every endpoint (the agent API, the staff API, and any endpoint added later) are read strictly:
 * a body means exactly one thing or it is refused with 400 ({@link ProblemHandling}).
 * <ul>
 *   <li>nothing after the document ({@code {…}garbage}), no key twice ({@code {"tenantId": "a", "tenantId": "b"}});</li>
 *   <li>no field the endpoint does not know (its name is in the problem's {@code errors});</li>
 *   <li>no scalar coerced into another type: a number or boolean is not a string ({@code "patientReference": 123},
 *       {@code "givenName": true}), a string is not a number, a float is not an integer, null is not a
 *       primitive;</li>
 *   <li>dates ({@link LocalDate}) only as ISO {@code yyyy-MM-dd} strings: no epoch day number, no
 *       {@code [1984, 3, 2]} array, no date-time;</li>
 *   <li>no NUL character in a string ({@code "\u0000"}): PostgreSQL cannot store one, the insert would fail.</li>
 * </ul>
 * Only the converter Spring MVC reads requests with is strict: the application's {@link ObjectMapper} (events,
 * calls to the clinical store and the engine) stays a tolerant reader. Partner webhooks parse their raw body
 * themselves (the ingress), tolerant of fields partners add.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson implements WebMvcConfigurer {

    private final ObjectMapper application;

    StrictJson(ObjectMapper application) {
        this.application = application;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        ObjectMapper strict = strict(application);
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter) {
                converters.set(i, new MappingJackson2HttpMessageConverter(strict));
            }
        }
    }

    /** A strict copy of {@code base} (its modules and serialization settings kept). */
    static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper strict = base.copy();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        @SuppressWarnings("deprecation") // the per-mapper switch; the builder's equivalent needs a fresh mapper
        ObjectMapper noScalarCoercion = strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        noScalarCoercion.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        noScalarCoercion.registerModule(new SimpleModule("carepath-strict-values")
                .addDeserializer(LocalDate.class, new IsoLocalDate())
                .addDeserializer(String.class, new NoNulString()));
        return noScalarCoercion;
    }

    /** A string as Jackson reads it (with the coercion rules above), refused when it holds a NUL character. */
    static final class NoNulString extends StdScalarDeserializer<String> {

        NoNulString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value, "holds a NUL character");
            }
            return value;
        }
    }

    /** {@code yyyy-MM-dd} as a JSON string, a real calendar date; anything else is refused. */
    static final class IsoLocalDate extends StdScalarDeserializer<LocalDate> {

        private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
                .withResolverStyle(ResolverStyle.STRICT);

        IsoLocalDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getText();
            if (!SHAPE.matcher(text).matches()) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text,
                        "must be a date as yyyy-MM-dd");
            }
            try {
                return LocalDate.parse(text, ISO);
            } catch (DateTimeParseException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "is no calendar date");
            }
        }
    }
}
