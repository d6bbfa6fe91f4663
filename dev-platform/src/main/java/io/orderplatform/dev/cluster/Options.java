package io.orderplatform.dev.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one cluster-mode process: positional values, {@code --name value} options, and,
 * after a lone {@code --}, arguments passed on unread (a service's own Spring settings). The processes
 * are started by {@code cluster.sh}, so a mistake is reported with the usage and ends the process.
 */
final class Options {

    private final String usage;
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> named = new HashMap<>();
    private final List<String> passedOn = new ArrayList<>();

    private Options(String usage) {
        this.usage = usage;
    }

    static Options parse(String[] args, String usage) {
        Options options = new Options(usage);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                options.passedOn.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (arg.startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw options.misuse(arg + " needs a value");
                }
                options.named.put(arg.substring(2), args[++i]);
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    String positional(int index, String what) {
        if (index >= positional.size()) {
            throw misuse("missing " + what);
        }
        return positional.get(index);
    }

    String required(String name) {
        String value = named.get(name);
        if (value == null) {
            throw misuse("missing --" + name);
        }
        return value;
    }

    String optional(String name, String defaultValue) {
        return named.getOrDefault(name, defaultValue);
    }

    int number(String name) {
        return number(name, required(name));
    }

    int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw misuse(name + " must be a number, not " + value);
        }
    }

    /** What comes after {@code --}, unread. */
    List<String> passedOn() {
        return List.copyOf(passedOn);
    }

    IllegalArgumentException misuse(String problem) {
        return new IllegalArgumentException(problem + "\nusage: " + usage);
    }
}
