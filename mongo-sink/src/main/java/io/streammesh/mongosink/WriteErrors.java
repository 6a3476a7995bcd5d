package io.streammesh.mongosink;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sorts the errors of a partly failed {@code bulkWrite}: a write MongoDB refuses because of the
 * document itself (invalid field name, too large, fails the collection's validator) will fail the
 * same way forever and goes to the dead-letter topic; anything else (a write-concern timeout, a
 * stepped-down primary, a duplicate key from two racing upserts, missing permissions, an error code
 * this class does not know) may pass later, so the batch is retried rather than a record lost.
 */
public final class WriteErrors {

    /** Server error codes that are about one document, not about the server or the cluster. */
    static final Set<Integer> DOCUMENT_ERRORS = Set.of(
            2,      // BadValue
            9,      // FailedToParse
            14,     // TypeMismatch
            22,     // InvalidBSON
            28,     // PathNotViable
            30,     // InvalidPath
            52,     // DollarPrefixedFieldName
            53,     // InvalidIdField
            55,     // InvalidDBRef
            56,     // EmptyFieldName
            57,     // DottedFieldName
            66,     // ImmutableField
            121,    // DocumentValidationFailure
            10334,  // BSONObjectTooLarge
            17280,  // key too large to index
            17419); // resulting document too large

    /** What to do with a failed bulk write: the writes (by index) to dead-letter, and whether to retry the rest. */
    public record Verdict(Map<Integer, String> rejected, boolean retry) {
    }

    private WriteErrors() {
    }

    public static Verdict classify(MongoBulkWriteException e) {
        Map<Integer, String> rejected = new TreeMap<>();
        boolean retry = e.getWriteConcernError() != null;
        for (BulkWriteError error : e.getWriteErrors()) {
            if (DOCUMENT_ERRORS.contains(error.getCode())) {
                rejected.put(error.getIndex(), "MongoDB rejected the document (code " + error.getCode() + "): " + error.getMessage());
            } else {
                retry = true;
            }
        }
        return new Verdict(rejected, retry);
    }
}
