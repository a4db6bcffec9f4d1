package org.siren.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What an interface offers, read from introspection XML: methods with their in/out signatures,
 * signals with theirs, properties with type, access and change annotation. Argument names,
 * comments and order do not count, so the documented XML can be compared with what the daemon says.
 */
public record InterfaceShape(TreeMap<String, String> members) {

    public static InterfaceShape of(String xml, String iface) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            NodeList interfaces = doc.getElementsByTagName("interface");
            for (int i = 0; i < interfaces.getLength(); i++) {
                Element element = (Element) interfaces.item(i);
                if (element.getAttribute("name").equals(iface)) {
                    return new InterfaceShape(members(element));
                }
            }
            throw new IllegalArgumentException("no interface " + iface + " in " + xml);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse introspection data: " + e.getMessage(), e);
        }
    }

    private static TreeMap<String, String> members(Element iface) {
        TreeMap<String, String> members = new TreeMap<>();
        for (Node child = iface.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element member)) {
                continue;
            }
            String name = member.getAttribute("name");
            switch (member.getTagName()) {
                case "method" -> members.put("method " + name, "in=" + args(member, "in") + " out=" + args(member, "out"));
                case "signal" -> members.put("signal " + name, args(member, null));
                case "property" -> members.put("property " + name, member.getAttribute("type") + " "
                        + member.getAttribute("access") + " " + emits(member));
                default -> { }
            }
        }
        return members;
    }

    private static String args(Element member, String direction) {
        StringBuilder sig = new StringBuilder();
        NodeList args = member.getElementsByTagName("arg");
        for (int i = 0; i < args.getLength(); i++) {
            Element arg = (Element) args.item(i);
            String dir = arg.getAttribute("direction").isEmpty() ? "in" : arg.getAttribute("direction");
            if (direction == null || dir.equals(direction)) {
                sig.append(arg.getAttribute("type"));
            }
        }
        return sig.toString();
    }

    private static String emits(Element property) {
        NodeList annotations = property.getElementsByTagName("annotation");
        TreeSet<String> values = new TreeSet<>();
        for (int i = 0; i < annotations.getLength(); i++) {
            Element a = (Element) annotations.item(i);
            if (a.getAttribute("name").equals("org.freedesktop.DBus.Property.EmitsChangedSignal")) {
                values.add(a.getAttribute("value"));
            }
        }
        return values.isEmpty() ? "true" : String.join(",", values);
    }
}
