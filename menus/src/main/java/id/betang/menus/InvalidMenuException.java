package id.betang.menus;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at load time: an invalid menu never starts. */
public final class InvalidMenuException extends RuntimeException {

    private final transient List<MenuError> errors;

    public InvalidMenuException(List<MenuError> errors) {
        super(errors.stream().map(MenuError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<MenuError> errors() {
        return errors;
    }
}
