package com.mctb.gateway.voice;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** TwiML read as XML, so tests assert on elements and attributes rather than on text. */
public final class TwiMl {

    private final Document document;

    private TwiMl(Document document) {
        this.document = document;
    }

    public static TwiMl parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new TwiMl(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not valid XML: " + xml, e);
        }
    }

    public Element root() {
        return document.getDocumentElement();
    }

    /** The only element with this name; fails if there is none or several. */
    public Element one(String name) {
        NodeList nodes = document.getElementsByTagName(name);
        if (nodes.getLength() != 1) {
            throw new AssertionError("expected one <" + name + ">, found " + nodes.getLength());
        }
        return (Element) nodes.item(0);
    }

    public int count(String name) {
        return document.getElementsByTagName(name).getLength();
    }

    /** The names of the root's child elements in order, e.g. [Say, Record, Hangup]. */
    public java.util.List<String> verbs() {
        java.util.List<String> verbs = new java.util.ArrayList<>();
        NodeList children = root().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                verbs.add(e.getTagName());
            }
        }
        return verbs;
    }
}
