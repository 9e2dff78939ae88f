package id.betang.gateway.sms;

import org.apache.ibatis.annotations.Param;

/** SQL in SubscriberMapper.xml beside this interface's package in resources. */
public interface SubscriberMapper {

    String lang(@Param("msisdn") String msisdn);

    void setLang(@Param("msisdn") String msisdn, @Param("lang") String lang);

    void setOptedOut(@Param("msisdn") String msisdn, @Param("out") boolean out);

    Boolean optedOut(@Param("msisdn") String msisdn);
}
