package io.streammesh.local.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime stage of ./Dockerfile as the rehearsal needs it: which repository file each image path
 * holds (COPY from the build context, or from the build stage's /src, i.e. what Maven built), the
 * image's ENV, ENTRYPOINT and CMD.
 */
record DockerfileModel(Map<String, Path> files, Map<String, String> env, List<String> entrypoint, List<String> cmd) {

    private static final Pattern JSON_ARRAY_ITEM = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    static DockerfileModel read(Path dockerfile, String stage) throws Exception {
        Path root = dockerfile.toAbsolutePath().getParent();
        String text = Files.readString(dockerfile).replaceAll("\\\\\\n", " ");
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        boolean inStage = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("FROM ")) {
                inStage = line.endsWith(" AS " + stage);
                continue;
            }
            if (!inStage || line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            switch (words[0]) {
                case "COPY" -> {
                    List<String> args = new ArrayList<>();
                    String from = null;
                    for (int i = 1; i < words.length; i++) {
                        if (words[i].startsWith("--from=")) {
                            from = words[i].substring(7);
                        } else if (!words[i].startsWith("--")) {
                            args.add(words[i]);
                        }
                    }
                    String source = args.get(0);
                    String target = args.get(1);
                    // the build stage builds the repository copied to /src
                    Path host = from == null ? root.resolve(source) : root.resolve(source.replaceFirst("^/src/", ""));
                    files.put(target, host);
                }
                case "ENV" -> {
                    Matcher m = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(line.substring(3));
                    while (m.find()) {
                        env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = jsonArray(line);
                case "CMD" -> cmd = jsonArray(line);
                default -> {
                    // RUN, WORKDIR, USER, EXPOSE: nothing to rehearse
                }
            }
        }
        return new DockerfileModel(files, env, entrypoint, cmd);
    }

    private static List<String> jsonArray(String line) {
        List<String> items = new ArrayList<>();
        Matcher m = JSON_ARRAY_ITEM.matcher(line.substring(line.indexOf('[')));
        while (m.find()) {
            items.add(m.group(1));
        }
        return items;
    }

    /** The image file for a program name on the image's PATH (ENTRYPOINT ["streammesh-entrypoint"]). */
    Path program(String name) {
        for (String dir : List.of("/usr/local/bin/", "/usr/bin/", "/bin/")) {
            Path p = files.get(dir + name);
            if (p != null) {
                return p;
            }
        }
        return files.get(name);
    }
}
