package io.github.smtpclient.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module as text, one block per public or protected type and one line per public or protected
 * member, compared with the module's checked-in {@code api/<artifactId>.api} (the idea of OkHttp's
 * {@code okhttp.api}) as a {@link PinnedText}. A change to the API shows in the file's diff in the same commit, where
 * a reviewer sees it.
 *
 * <p>A type's block lists its declared members only; what it inherits shows as its supertypes. Synthetic and bridge
 * members are left out. Packages whose name has an {@code internal} segment are never API, and when the classes
 * directory holds a {@code module-info.class}, only the packages it exports to everyone are.
 */
public final class ApiSignatures {

    private static final String INDENT = "    ";

    private ApiSignatures() {
    }

    /**
     * Compares the API of the classes under {@code classes} with {@code apiFile}; see {@link PinnedText}.
     *
     * @param classes    the module's compiled main classes ({@code target/classes})
     * @param apiFile    the checked-in API file
     * @param regenerate the command that regenerates the file, for the failure message
     */
    public static void assertMatchesFile(Path classes, Path apiFile, String regenerate) throws IOException {
        PinnedText.assertMatches(apiFile, dump(classes, ApiSignatures.class.getClassLoader()), "The public API",
                regenerate);
    }

    /** The API of the classes under {@code classes}, loaded (not initialised) through {@code loader}. */
    public static String dump(Path classes, ClassLoader loader) throws IOException {
        Predicate<String> apiPackage = apiPackages(classes);
        StringBuilder out = new StringBuilder();
        for (Class<?> type : classes(classes, loader)) {
            if (apiPackage.test(type.getPackageName()) && isApi(type)) {
                out.append(header(type)).append(" {\n");
                members(type).forEach(line -> out.append(INDENT).append(line).append('\n'));
                out.append("}\n\n");
            }
        }
        return out.toString();
    }

    private static Predicate<String> apiPackages(Path classes) throws IOException {
        Predicate<String> notInternal = name -> !Arrays.asList(name.split("\\.")).contains("internal");
        Path moduleInfo = classes.resolve("module-info.class");
        if (!Files.exists(moduleInfo)) {
            return notInternal;
        }
        try (InputStream in = Files.newInputStream(moduleInfo)) {
            Set<String> exported = ModuleDescriptor.read(in).exports().stream().filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
            return notInternal.and(exported::contains);
        }
    }

    private static List<Class<?>> classes(Path root, ClassLoader loader) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString())
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace(root.getFileSystem()
                            .getSeparator(), "."))
                    .filter(name -> !name.endsWith("module-info") && !name.endsWith("package-info"))
                    .sorted()
                    .<Class<?>>map(name -> load(name, loader))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name + " from the module's classes", e);
        }
    }

    /** Public top-level types, and public or protected nested types of such, that are not synthetic or local. */
    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            boolean visible = Modifier.isPublic(t.getModifiers())
                    || (t.getDeclaringClass() != null && Modifier.isProtected(t.getModifiers()));
            if (!visible) {
                return false;
            }
        }
        return true;
    }

    private static String header(Class<?> type) {
        int modifiers = type.getModifiers() & Modifier.classModifiers();
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
        } else if (type.isInterface()) {
            kind = "interface";
            modifiers &= ~Modifier.ABSTRACT;
        } else if (type.isEnum()) {
            kind = "enum";
        } else if (type.isRecord()) {
            kind = "record";
        } else {
            kind = "class";
        }
        StringBuilder line = new StringBuilder(words(Modifier.toString(modifiers), type.isSealed() ? "sealed" : "",
                kind, type.getName() + typeParameters(type.getTypeParameters())));
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && superclass != Record.class && !type.isEnum()) {
            line.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0 && !type.isAnnotation()) {
            line.append(type.isInterface() ? " extends " : " implements ").append(Arrays.stream(interfaces)
                    .map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    /** Fields, then constructors, then methods; each group sorted by name, then by the whole line. */
    private static List<String> members(Class<?> type) {
        Map<String, Member> byLine = new LinkedHashMap<>();
        for (Field field : type.getDeclaredFields()) {
            byLine.put(field(field), field);
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            byLine.put(executable(constructor, type), constructor);
        }
        for (Method method : type.getDeclaredMethods()) {
            if (!method.isBridge()) {
                byLine.put(executable(method, type), method);
            }
        }
        Comparator<Map.Entry<String, Member>> order = Comparator
                .<Map.Entry<String, Member>>comparingInt(entry -> group(entry.getValue()))
                .thenComparing(entry -> entry.getValue().getName())
                .thenComparing(Map.Entry::getKey);
        return byLine.entrySet().stream()
                .filter(entry -> isVisible(entry.getValue()))
                .sorted(order)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static int group(Member member) {
        return member instanceof Field ? 0 : member instanceof Constructor ? 1 : 2;
    }

    private static boolean isVisible(Member member) {
        int modifiers = member.getModifiers();
        return !member.isSynthetic() && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers));
    }

    private static String field(Field field) {
        int modifiers = field.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL);
        return words(Modifier.toString(modifiers), field.getGenericType().getTypeName(), field.getName());
    }

    private static String executable(Executable executable, Class<?> owner) {
        int modifiers = executable.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                | Modifier.FINAL | Modifier.ABSTRACT);
        if (owner.isInterface()) {
            modifiers &= ~Modifier.ABSTRACT;
        }
        boolean isDefault = executable instanceof Method method && method.isDefault();
        String name = executable instanceof Method method
                ? method.getGenericReturnType().getTypeName() + " " + method.getName()
                : "<init>";
        List<String> parameters = new ArrayList<>();
        Type[] types = executable.getGenericParameterTypes();
        for (int i = 0; i < types.length; i++) {
            String parameter = types[i].getTypeName();
            if (executable.isVarArgs() && i == types.length - 1 && parameter.endsWith("[]")) {
                parameter = parameter.substring(0, parameter.length() - 2) + "...";
            }
            parameters.add(parameter);
        }
        String throwsClause = executable.getGenericExceptionTypes().length == 0 ? ""
                : "throws " + Arrays.stream(executable.getGenericExceptionTypes()).map(Type::getTypeName)
                        .collect(Collectors.joining(", "));
        return words(Modifier.toString(modifiers), isDefault ? "default" : "",
                typeParameters(executable.getTypeParameters()),
                name + "(" + String.join(", ", parameters) + ")", throwsClause);
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        return Arrays.stream(variables).map(variable -> {
            List<Type> bounds = Arrays.stream(variable.getBounds()).filter(bound -> bound != Object.class).toList();
            return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends "
                    + bounds.stream().map(Type::getTypeName).collect(Collectors.joining(" & "));
        }).collect(Collectors.joining(", ", "<", ">"));
    }

    private static String words(String... words) {
        return Arrays.stream(words).filter(word -> !word.isEmpty()).collect(Collectors.joining(" "));
    }
}
