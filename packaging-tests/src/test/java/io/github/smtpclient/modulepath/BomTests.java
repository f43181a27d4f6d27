package io.github.smtpclient.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * smtp-client-bom manages every published module at the build's version, so that a module added to the build is
 * not forgotten there. A module is published unless its POM sets {@code maven.deploy.skip} to true or it is a POM.
 */
class BomTests {

    private static final Path ROOT = Path.of("..");

    @Test
    void theBomManagesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("smtp-client-bom").resolve("pom.xml"));
        List<String> published = new ArrayList<>();
        for (Element module : children(child(parent.getDocumentElement(), "modules"), "module")) {
            Element pom = read(ROOT.resolve(module.getTextContent().strip()).resolve("pom.xml")).getDocumentElement();
            Element properties = child(pom, "properties");
            boolean skipped = properties != null && child(properties, "maven.deploy.skip") != null
                    && child(properties, "maven.deploy.skip").getTextContent().strip().equals("true");
            boolean isPom = child(pom, "packaging") != null && child(pom, "packaging").getTextContent().equals("pom");
            if (!skipped && !isPom) {
                published.add(text(pom, "artifactId"));
            }
        }
        List<String> managed = new ArrayList<>();
        for (Element dependency : children(child(child(bom.getDocumentElement(), "dependencyManagement"),
                "dependencies"), "dependency")) {
            assertThat(text(dependency, "version")).as("version of %s in the BOM", text(dependency, "artifactId"))
                    .isEqualTo("${project.version}");
            managed.add(text(dependency, "artifactId"));
        }

        assertThat(published).as("the published modules (list each in smtp-client-bom/pom.xml)").isNotEmpty();
        assertThat(managed).as("the modules smtp-client-bom/pom.xml manages; add a published module there, or set"
                + " maven.deploy.skip in a module that is not published").containsExactlyInAnyOrderElementsOf(published);
        assertThat(text(bom.getDocumentElement(), "version")).as("the BOM's version, which has no parent to inherit it")
                .isEqualTo(text(parent.getDocumentElement(), "version"));
    }

    private static Document read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Element parent, String name) {
        Element child = child(parent, name);
        assertThat(child).as("<%s> in <%s>", name, parent.getTagName()).isNotNull();
        return child.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }
}
