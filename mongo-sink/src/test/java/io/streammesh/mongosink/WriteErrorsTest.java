package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class WriteErrorsTest {

    static MongoBulkWriteException failure(WriteConcernError wce, BulkWriteError... errors) {
        return new MongoBulkWriteException(BulkWriteResult.unacknowledged(), List.of(errors), wce, new ServerAddress(), Set.of());
    }

    static BulkWriteError error(int code, int index) {
        return new BulkWriteError(code, "error " + code, new BsonDocument(), index);
    }

    @Test
    void documentErrorsAreDeadLetteredAndTheRestIsNotRetried() {
        WriteErrors.Verdict v = WriteErrors.classify(failure(null, error(10334, 3), error(52, 7)));
        assertThat(v.rejected()).containsOnlyKeys(3, 7);
        assertThat(v.rejected().get(3)).contains("10334");
        assertThat(v.retry()).isFalse();
    }

    @Test
    void unknownOrTransientErrorsAreRetriedNeverDeadLettered() {
        WriteErrors.Verdict dup = WriteErrors.classify(failure(null, error(11000, 0)));
        assertThat(dup.rejected()).isEmpty();
        assertThat(dup.retry()).isTrue();
        WriteErrors.Verdict unauthorized = WriteErrors.classify(failure(null, error(13, 0), error(13, 1)));
        assertThat(unauthorized.rejected()).isEmpty();
        assertThat(unauthorized.retry()).isTrue();
    }

    @Test
    void aWriteConcernErrorRetriesTheBatch() {
        WriteErrors.Verdict v = WriteErrors.classify(failure(new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out",
                new BsonDocument()), error(121, 2)));
        assertThat(v.rejected()).containsOnlyKeys(2);
        assertThat(v.retry()).isTrue();
    }
}
