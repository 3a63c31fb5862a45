package com.mctb.workflow.domain.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergeTemplateTest {

    private static final String TEMPLATE_BODY =
            "Hi {{contact.first_name | default: \"there\"}}, sorry we missed your call at {{business.name}}. How can we help?";
    private static final MergeFields DANA = new MergeFields("Dana", "Reyes", "+15551230001", "Glow Aesthetics",
            "+15557654321");

    @Test
    void rendersEveryFieldForAContact() {
        MergeTemplate template = MergeTemplate.parse("{{contact.first_name}} {{contact.last_name}} "
                + "({{contact.phone}}) called {{business.name}} on {{call.to}}");

        assertThat(template.render(DANA)).isEqualTo("Dana Reyes (+15551230001) called Glow Aesthetics on +15557654321");
        assertThat(template.fields()).containsExactly("contact.first_name", "contact.last_name", "contact.phone",
                "business.name", "call.to");
    }

    @Test
    void theTemplatesFirstCallTextForDanaAtGlowAesthetics() {
        assertThat(MergeTemplate.parse(TEMPLATE_BODY).render(DANA))
                .isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
    }

    @Test
    void aMissingOrBlankValueTakesItsFallbackOrNothing() {
        MergeFields nobody = new MergeFields(null, "  ", "+15551230001", "Glow Aesthetics", null);

        assertThat(MergeTemplate.parse(TEMPLATE_BODY).render(nobody))
                .isEqualTo("Hi there, sorry we missed your call at Glow Aesthetics. How can we help?");
        assertThat(MergeTemplate.parse("[{{contact.last_name}}]").render(nobody)).isEqualTo("[]");
        assertThat(MergeTemplate.parse("{{ contact.last_name|default:'friend' }}").render(nobody)).isEqualTo("friend");
        assertThat(MergeTemplate.parse("{{call.to | default: \"our number\"}}").render(nobody)).isEqualTo("our number");
    }

    /** The fields that would leave a gap: no value and no fallback; what the engine refuses to send. */
    @Test
    void theFieldsMissingAValueAndAFallbackAreNamed() {
        MergeFields nobody = new MergeFields(null, "  ", "+15551230001", null, null);
        MergeTemplate template = MergeTemplate.parse("Hi {{contact.first_name | default: \"there\"}} "
                + "{{contact.last_name}}, {{business.name}} {{contact.phone}} {{call.to | default: 'us'}}");

        assertThat(template.missing(nobody)).containsExactly("contact.last_name", "business.name");
        assertThat(template.missing(DANA)).isEmpty();
        assertThat(template.fieldsWithoutFallback()).containsExactly("contact.last_name", "business.name",
                "contact.phone");
    }

    @Test
    void valuesAreTrimmed() {
        MergeFields padded = new MergeFields("  Dana ", null, null, " Glow ", null);
        assertThat(MergeTemplate.parse("{{contact.first_name}}@{{business.name}}").render(padded)).isEqualTo("Dana@Glow");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{{business.name}}",
            "{{contact.phone | default: \"x\"}}",
            "${business.name}",
            "${java.lang.Runtime.getRuntime().exec('id')}",
            "#{7*7}",
            "{#if true}yes{/if}",
            "{business.name}",
            "{{ 7 * 7 }}",
            "<script>alert(1)</script>",
            "{{constructor.constructor('return process')()}}",
            "%s %n %x",
            "\\u0000{{"
    })
    void aValueIsInsertedLiterallyAndNeverEvaluated(String hostile) {
        MergeFields caller = new MergeFields(hostile, hostile, "+15551230001", "Glow Aesthetics", "+15557654321");

        String text = MergeTemplate.parse(TEMPLATE_BODY).render(caller);

        assertThat(text).isEqualTo("Hi " + hostile.strip() + ", sorry we missed your call at Glow Aesthetics. How can we help?");
    }

    @Test
    void aBusinessNameWithTemplateSyntaxComesOutLiterallyToo() {
        MergeFields fields = new MergeFields("{{business.name}}", null, null, "{{contact.first_name}} & Co", null);

        assertThat(MergeTemplate.parse("{{contact.first_name}} at {{business.name}}").render(fields))
                .isEqualTo("{{business.name}} at {{contact.first_name}} & Co");
    }

    @Test
    void textOutsideTheBracesIsNeverInterpreted() {
        String literal = "Costs ${price} #{x} {single} }} <b>ok</b> {% raw %}";
        assertThat(MergeTemplate.parse(literal).render(DANA)).isEqualTo(literal);
        assertThat(MergeTemplate.parse(literal).fields()).isEmpty();
    }

    @Test
    void aFallbackIsUsedAsWrittenNotAsATemplate() {
        MergeFields nobody = new MergeFields(null, null, null, "Glow", null);
        assertThat(MergeTemplate.parse("{{contact.first_name | default: \"${x} {{business.name\"}}").render(nobody))
                .isEqualTo("${x} {{business.name");
    }

    @Test
    void onlyTheFiveFieldsCanBeNamed() {
        assertThatThrownBy(() -> MergeTemplate.parse("Hi {{contact.nickname}}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("unknown merge field 'contact.nickname' at character 4")
                .hasMessageContaining("contact.first_name, contact.last_name, contact.phone, business.name, call.to");
        assertThatThrownBy(() -> MergeTemplate.parse("{{contact.first_name.getClass()}}"))
                .hasMessageContaining("unknown merge field 'contact.first_name.getClass()'");
        assertThatThrownBy(() -> MergeTemplate.parse("{{contact}}")).hasMessageContaining("unknown merge field 'contact'");
        assertThatThrownBy(() -> MergeTemplate.parse("{{T(java.lang.System).exit(0)}}"))
                .hasMessageContaining("unknown merge field");
        assertThatThrownBy(() -> MergeTemplate.parse("{{ }}")).hasMessageContaining("names no merge field");
    }

    @Test
    void onlyTheDefaultFilterExists() {
        assertThatThrownBy(() -> MergeTemplate.parse("{{business.name | upcase}}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("'upcase' at character 1 is not a fallback");
        assertThatThrownBy(() -> MergeTemplate.parse("{{business.name | default: there}}"))
                .hasMessageContaining("is not a fallback");
        assertThatThrownBy(() -> MergeTemplate.parse("{{business.name | default: \"a\" | default: \"b\"}}"))
                .hasMessageContaining("is not a fallback");
    }

    @Test
    void anUnclosedFieldIsAnError() {
        assertThatThrownBy(() -> MergeTemplate.parse("Hi {{contact.first_name, how are you"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("'{{' at character 4 is not closed with '}}'");
    }

    @Test
    void aLiteralTemplateKeepsItsBraces() {
        assertThat(MergeTemplate.literal("Hi {{oops").render(DANA)).isEqualTo("Hi {{oops");
    }
}
